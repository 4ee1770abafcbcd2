import type { DestinationStream, Logger } from 'pino';
import { createLogger as createServiceLogger } from '@inlet/service-kit';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return createServiceLogger({ service: 'payments', level, ...(destination ? { destination } : {}) });
}
