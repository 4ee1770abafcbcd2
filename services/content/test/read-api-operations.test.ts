import { describeReadApiOperations } from '@inlet/service-kit/testing';
import { content } from '../src/service.js';

describeReadApiOperations(content, { readPath: '/search?q=cells' });
