/** The ingress's settings: defaults filled in, and a bad or missing variable named in the error. */
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../src/config.js';

const needed = { KAFKA_BROKERS: '127.0.0.1:9092', INLET_SOURCES_FILE: 'sources.yaml' };

describe('loadConfig', () => {
  it('fills in every default', () => {
    expect(loadConfig(needed)).toEqual({
      ...needed,
      PORT: 8080,
      HOST: '0.0.0.0',
      BODY_LIMIT_BYTES: 1_048_576,
      MAX_IN_FLIGHT_BYTES: 33_554_432,
      TRUSTED_PROXIES: '',
      PRODUCE_TIMEOUT_MS: 5_000,
      PRODUCE_LINGER_MS: 2,
      RETRY_AFTER_SECONDS: 5,
      SIGNATURE_TOLERANCE_SECONDS: 300,
      AUTH_FAILURE_LIMIT: 30,
      AUTH_FAILURE_WINDOW_SECONDS: 60,
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers and optional URLs from their text', () => {
    const config = loadConfig({
      ...needed,
      PORT: '9000',
      LOG_LEVEL: 'debug',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toMatchObject({ PORT: 9000, LOG_LEVEL: 'debug', REDIS_URL: 'redis://cache:6379' });
    expect(config.SCHEMA_REGISTRY_URL).toBeUndefined();
  });

  it.each([
    [
      {},
      "env must have required property 'KAFKA_BROKERS', env must have required property 'INLET_SOURCES_FILE'",
    ],
    [{ ...needed, KAFKA_BROKERS: '' }, 'env/KAFKA_BROKERS must NOT have fewer than 1 characters'],
    [{ ...needed, PORT: '70000' }, 'env/PORT must be <= 65535'],
    [{ ...needed, PORT: 'eighty' }, 'env/PORT must be integer'],
    [{ ...needed, PRODUCE_TIMEOUT_MS: '5' }, 'env/PRODUCE_TIMEOUT_MS must be >= 100'],
    [{ ...needed, LOG_LEVEL: 'loud' }, 'env/LOG_LEVEL must be equal to one of the allowed values'],
    [
      { ...needed, BODY_LIMIT_BYTES: '2048', MAX_IN_FLIGHT_BYTES: '1024' },
      'MAX_IN_FLIGHT_BYTES (1024) must be at least BODY_LIMIT_BYTES (2048)',
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('configSchema', () => {
  it('is plain JSON Schema: what must be set is what is required without a default', () => {
    const schema = JSON.parse(JSON.stringify(configSchema)) as {
      required: string[];
      properties: Record<string, { default?: unknown }>;
    };
    const mustBeSet = schema.required.filter((name) => schema.properties[name]?.default === undefined);
    expect(mustBeSet).toEqual(['KAFKA_BROKERS', 'INLET_SOURCES_FILE']);
    expect(schema.properties.LOG_LEVEL).toEqual({
      type: 'string',
      default: 'info',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    });
  });
});
