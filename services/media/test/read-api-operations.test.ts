import { describeReadApiOperations } from '@inlet/service-kit/testing';
import { media } from '../src/service.js';

describeReadApiOperations(media, { readPath: '/search?q=cells' });
