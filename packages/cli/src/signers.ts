import { createPrivateKey } from 'node:crypto';
import {
  SigningError,
  signWebhook,
  type PrivateSigningKey,
  type SignedWebhook,
  type SigningInput,
} from '@inlet/webhook-contract';
import { UsageError } from './errors.js';

/**
 * Signs as the source's real sender does, with the signers the tests use too. Tokens name the CLI as their
 * subject; a key the scheme needs and was not given is a usage error of `send`.
 */
export async function signAsSender(input: Omit<SigningInput, 'subject'>): Promise<SignedWebhook> {
  try {
    return await signWebhook({ ...input, subject: 'inlet-cli' });
  } catch (error) {
    if (error instanceof SigningError) throw new UsageError(error.message, 'send');
    throw error;
  }
}

/** A PEM private key (PKCS#8, PKCS#1 or SEC1) for canvas-jwt or JWKS-verified jwt sources. */
export function privateSigningKey(pem: string, kid: string, path: string): PrivateSigningKey {
  try {
    return { key: createPrivateKey(pem), kid };
  } catch {
    throw new UsageError(`--key ${path} is not a PEM private key`, 'send');
  }
}
