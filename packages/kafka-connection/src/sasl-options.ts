import type { SASLOptions } from 'kafkajs';
import { readSecret, readSetting, secretIsSet } from './env.js';
import { createOAuthTokenProvider, type OAuthTokenProviderOptions } from './oauth-token-provider.js';
import { KafkaSettingsError } from './settings-error.js';

export const saslMechanisms = ['plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

export interface SaslSettings {
  options: SASLOptions;
  /** Non-secret facts for the start-up description. */
  username?: string;
  tokenUrl?: string;
  clientId?: string;
}

/** KAFKA_SASL_MECHANISM, lower-cased so Kafka's spelling (SCRAM-SHA-512) is accepted too; undefined when unset. */
export function readSaslMechanism(env: NodeJS.ProcessEnv): SaslMechanism | undefined {
  const raw = readSetting(env, 'KAFKA_SASL_MECHANISM');
  if (raw === undefined) return undefined;
  const mechanism = raw.toLowerCase();
  if (!(saslMechanisms as readonly string[]).includes(mechanism))
    throw new KafkaSettingsError(
      'KAFKA_SASL_MECHANISM',
      `KAFKA_SASL_MECHANISM must be one of ${saslMechanisms.join(', ')} (got "${raw}")`,
    );
  return mechanism as SaslMechanism;
}

/** The credentials for the mechanism, each required one named when it is missing. */
export function readSaslSettings(
  env: NodeJS.ProcessEnv,
  mechanism: SaslMechanism,
  oauthOptions?: OAuthTokenProviderOptions,
): SaslSettings {
  if (mechanism === 'oauthbearer') return readOAuthSettings(env, oauthOptions);
  const username = required(env, 'KAFKA_SASL_USERNAME', mechanism, readSecret);
  const password = required(env, 'KAFKA_SASL_PASSWORD', mechanism, readSecret);
  return { options: { mechanism, username, password }, username };
}

function readOAuthSettings(env: NodeJS.ProcessEnv, oauthOptions?: OAuthTokenProviderOptions): SaslSettings {
  const rawUrl = required(env, 'KAFKA_OAUTH_TOKEN_URL', 'oauthbearer', readSetting);
  const tokenUrl = parseTokenUrl(rawUrl);
  const clientId = required(env, 'KAFKA_OAUTH_CLIENT_ID', 'oauthbearer', readSetting);
  const clientSecret = required(env, 'KAFKA_OAUTH_CLIENT_SECRET', 'oauthbearer', readSecret);
  const scope = readSetting(env, 'KAFKA_OAUTH_SCOPE');
  return {
    options: {
      mechanism: 'oauthbearer',
      oauthBearerProvider: createOAuthTokenProvider(
        { tokenUrl, clientId, clientSecret, ...(scope ? { scope } : {}) },
        oauthOptions,
      ),
    },
    tokenUrl: tokenUrl.href,
    clientId,
  };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The token endpoint must be https; plain http only on this machine, where nothing crosses a network. */
function parseTokenUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KafkaSettingsError('KAFKA_OAUTH_TOKEN_URL', `KAFKA_OAUTH_TOKEN_URL is not a URL: "${raw}"`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))) return url;
  throw new KafkaSettingsError(
    'KAFKA_OAUTH_TOKEN_URL',
    `KAFKA_OAUTH_TOKEN_URL must be an https URL (http is accepted only for localhost), got "${raw}"`,
  );
}

function required(
  env: NodeJS.ProcessEnv,
  name: string,
  mechanism: SaslMechanism,
  read: (env: NodeJS.ProcessEnv, name: string) => string | undefined,
): string {
  const value = read(env, name);
  if (value === undefined) {
    const orFile = read === readSecret ? ` (set it or ${name}_FILE)` : '';
    throw new KafkaSettingsError(name, `${name} is required when KAFKA_SASL_MECHANISM=${mechanism}${orFile}`);
  }
  return value;
}

/** Credentials given while no mechanism is: probably a forgotten KAFKA_SASL_MECHANISM, so say so. */
export function strayCredential(env: NodeJS.ProcessEnv): string | undefined {
  const secrets = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_OAUTH_CLIENT_SECRET'];
  const plain = ['KAFKA_OAUTH_TOKEN_URL', 'KAFKA_OAUTH_CLIENT_ID'];
  return (
    secrets.find((name) => secretIsSet(env, name)) ??
    plain.find((name) => readSetting(env, name) !== undefined)
  );
}
