import { randomUUID } from 'node:crypto';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import { content } from '../../src/service.js';
import { eventApplier } from './apply.js';

export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/** Content's migrated database of the test file's own, its handlers applying events as the runtime does. */
export const useContentDatabase = () => useMigratedDatabase(content, eventApplier);
