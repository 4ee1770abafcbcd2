export type AuthErrorCode =
  /** No signature / token / key where one is required. */
  | 'INLET_AUTH_MISSING'
  /** Header present but unparseable. */
  | 'INLET_AUTH_MALFORMED'
  /** Does not match any configured secret/key, bad JWT signature, wrong iss/aud, alg not allowed. */
  | 'INLET_AUTH_INVALID'
  /** Timestamp outside tolerance (replay protection), JWT expired/not yet valid. */
  | 'INLET_AUTH_EXPIRED'
  /**
   * The keys needed to verify could not be loaded (the sender's JWKS is down or answers garbage). Nothing about
   * the request is known to be wrong, so it is a 503 the sender retries, not a 401 it gives up on.
   */
  | 'INLET_AUTH_UNAVAILABLE';

/**
 * A request that failed authentication. The message is written for the sender and never contains a secret, an
 * expected signature or a token; no `cause` is attached, so serializing the error cannot leak one either.
 */
export class AuthError extends Error {
  readonly code: AuthErrorCode;
  readonly statusCode: 401 | 503;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.statusCode = code === 'INLET_AUTH_UNAVAILABLE' ? 503 : 401;
  }
}

/**
 * Runs a verification so that it fails closed: anything thrown that is not already an AuthError (a library bug,
 * an unexpected input shape, a network failure) becomes INLET_AUTH_INVALID — never a 500, never a pass.
 */
export async function failClosed<T>(verification: () => T | Promise<T>): Promise<T> {
  try {
    return await verification();
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('INLET_AUTH_INVALID', 'the request could not be authenticated');
  }
}
