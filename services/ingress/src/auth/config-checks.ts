/**
 * Checks of an AuthConfig done once, at createVerifier time: a broken configuration is a deployment error and
 * must fail loudly at start-up, not turn every request into a 401. Messages name the problem, never a secret.
 */

export function requireSecrets(scheme: string, secrets: readonly string[] | undefined): string[] {
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new Error(`${scheme} auth config: at least one secret is required`);
  }
  secrets.forEach((secret, index) => {
    if (typeof secret !== 'string' || secret === '') {
      throw new Error(`${scheme} auth config: secrets[${index}] must be a non-empty string`);
    }
  });
  return [...secrets];
}

export function requirePositiveSeconds(scheme: string, option: string, value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${scheme} auth config: ${option} must be a positive number of seconds`);
  }
  return value;
}

export function requireNonEmptyString(scheme: string, option: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${scheme} auth config: ${option} must be a non-empty string`);
  }
  return value;
}

/**
 * Where signing keys are fetched from: https only, since whoever can answer for that URL can add keys. Plain
 * http is allowed for loopback addresses alone (a JWKS served on the developer's machine).
 */
export function requireJwksUrl(scheme: string, option: string, value: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(requireNonEmptyString(scheme, option, value));
  } catch {
    throw new Error(`${scheme} auth config: ${option} must be an absolute https URL`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new Error(
    `${scheme} auth config: ${option} must be an https URL (http is allowed for loopback addresses only)`,
  );
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** An algorithm allow-list: non-empty and never 'none' (which would accept unsigned tokens). */
export function requireAlgorithms(scheme: string, algorithms: readonly string[] | undefined): string[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new Error(`${scheme} auth config: algorithms must list at least one algorithm`);
  }
  for (const algorithm of algorithms) {
    if (typeof algorithm !== 'string' || algorithm.trim() === '') {
      throw new Error(`${scheme} auth config: algorithms must be non-empty strings`);
    }
    if (algorithm.trim().toLowerCase() === 'none') {
      throw new Error(`${scheme} auth config: algorithm 'none' is not allowed (it accepts unsigned tokens)`);
    }
  }
  return [...algorithms];
}
