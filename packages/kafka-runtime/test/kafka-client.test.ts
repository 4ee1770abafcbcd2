import { describe, expect, it } from 'vitest';
import { BatchingProducer, createKafkaClient, type RuntimeLogger } from '../src/index.js';

function recordingLogger() {
  const lines: { level: string; message: string | undefined }[] = [];
  const at =
    (level: string) =>
    (_fields: object, message?: string): void => {
      lines.push({ level, message });
    };
  const logger: RuntimeLogger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  };
  return { logger, lines };
}

describe('createKafkaClient', () => {
  it("logs kafkajs's warning about the bounded idempotent retries at info: they are bounded on purpose", () => {
    const { logger, lines } = recordingLogger();
    // Creating the producer is enough for kafkajs to say it; no broker is contacted.
    new BatchingProducer(
      createKafkaClient({
        connection: { brokers: ['127.0.0.1:1'], securityProtocol: 'plaintext' },
        clientId: 'log-test',
        logger,
      }),
    );
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees',
      },
    ]);
  });
});
