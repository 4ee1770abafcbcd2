import { describeServiceConfig } from '@inlet/service-kit/testing';
import { grades } from '../src/service.js';

describeServiceConfig(grades, { PORT: 8081 });
