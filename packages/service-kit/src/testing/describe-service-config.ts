import { describe, expect, it } from 'vitest';

/**
 * The configuration every consumer service reads the same way (service-config.ts): only KAFKA_BROKERS is
 * required, numbers are read from their text, and a bad value stops the process naming the variable.
 * `defaults` is what the service's own settings default to besides the shared ones (its PORT at least).
 */
export function describeServiceConfig(
  service: { name: string; loadConfig(env: NodeJS.ProcessEnv): unknown },
  defaults: { PORT: number } & Record<string, unknown>,
) {
  describe(`${service.name} configuration`, () => {
    it('needs only KAFKA_BROKERS; everything else has a default', () => {
      expect(service.loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' })).toEqual({
        HOST: '0.0.0.0',
        KAFKA_BROKERS: '127.0.0.1:9092',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
        DATABASE_POOL_MAX: 10,
        LOG_LEVEL: 'info',
        ...defaults,
      });
    });

    it('reads numbers from their text and refuses bad values, naming the variable', () => {
      const base = { KAFKA_BROKERS: 'k:9092' };
      expect(service.loadConfig({ ...base, PORT: '9000', DATABASE_POOL_MAX: '1' })).toMatchObject({
        PORT: 9000,
        DATABASE_POOL_MAX: 1,
      });
      expect(() => service.loadConfig({})).toThrow(/KAFKA_BROKERS/);
      expect(() => service.loadConfig({ ...base, DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
      expect(() => service.loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
      expect(() => service.loadConfig({ ...base, PORT: 'eighty' })).toThrow(/PORT/);
    });
  });
}
