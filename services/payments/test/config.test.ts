import { describeServiceConfig } from '@inlet/service-kit/testing';
import { payments } from '../src/service.js';

describeServiceConfig(payments, { PORT: 8084 });
