import type { DestinationStream, Logger } from 'pino';
import { createLogger as createServiceLogger } from '@inlet/service-kit/service';

/** The kit's logger, which already redacts signatures, keys, tokens and authorization headers. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return createServiceLogger({ service: 'ingress', level, ...(destination ? { destination } : {}) });
}
