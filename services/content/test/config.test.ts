import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('needs only KAFKA_BROKERS; everything else has a default', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' })).toEqual({
      PORT: 8083,
      HOST: '0.0.0.0',
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATABASE_POOL_MAX: 10,
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers from their text and refuses bad values, naming the variable', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092', PORT: '9000', DATABASE_POOL_MAX: '1' })).toMatchObject({
      PORT: 9000,
      DATABASE_POOL_MAX: 1,
    });
    expect(() => loadConfig({})).toThrow(/KAFKA_BROKERS/);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', DATABASE_POOL_MAX: '0' })).toThrow(
      /DATABASE_POOL_MAX/,
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
