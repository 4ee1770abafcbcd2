import { describe, expect, it } from 'vitest';
import { kafkaSecureEnv } from '@inlet/test-harness';
import { runCli } from '../src/index.js';
import { captureIo } from './support/capture-io.js';

// The run's broker has a SASL_SSL listener (TLS + SCRAM) when the jar launcher started it; null otherwise.
const secureEnv = kafkaSecureEnv();

async function inlet(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo({ env });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe.runIf(secureEnv)(
  'inlet dlq over the SASL_SSL listener, with the settings every service reads',
  () => {
    it('reads a DLQ through TLS and SCRAM', async () => {
      const listed = await inlet(['dlq', 'list', 'grades'], secureEnv!);
      expect(listed.err).toBe('');
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(/dead letters in grades\.dlq match/);
    });

    it('names KAFKA_SASL_PASSWORD, and not the password, when the broker refuses it (exit 1)', async () => {
      const refused = await inlet(['dlq', 'list', 'grades'], {
        ...secureEnv,
        KAFKA_SASL_PASSWORD: 'wrong-password-for-cli',
      });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(
        /^inlet: Kafka broker .* refused the SASL scram-sha-512 login .*KAFKA_SASL_PASSWORD/,
      );
      expect(refused.err).not.toContain('wrong-password-for-cli');
    });

    it('refuses a bad setting before connecting, naming it (usage error, exit 2)', async () => {
      const bad = await inlet(['dlq', 'list', 'grades'], { ...secureEnv, KAFKA_SASL_MECHANISM: 'kerberos' });
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(
        /^inlet: KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
      );
    });
  },
);
