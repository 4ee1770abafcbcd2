import { describeServiceConfig } from '@inlet/service-kit/testing';
import { content } from '../src/service.js';

describeServiceConfig(content, { PORT: 8083 });
