import { describeReadApiOperations } from '@inlet/service-kit/testing';
import { payments } from '../src/service.js';

describeReadApiOperations(payments, { readPath: '/users/u/ledger' });
