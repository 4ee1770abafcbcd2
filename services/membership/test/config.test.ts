import { describeServiceConfig } from '@inlet/service-kit/testing';
import { membership } from '../src/service.js';

describeServiceConfig(membership, { PORT: 8082 });
