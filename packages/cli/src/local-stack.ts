import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingressDir } from './paths.js';

/**
 * The development secrets the local stack (`npm start`) gives the ingress: services/ingress/package.json,
 * `inlet.localEnv`. `inlet send` uses them for a variable the environment does not set, but only when the
 * request goes to this machine: they are never valid anywhere else.
 */
export function localStackEnv(): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(resolve(ingressDir, 'package.json'), 'utf8')) as {
      inlet?: { localEnv?: Record<string, unknown> };
    };
    return Object.fromEntries(
      Object.entries(manifest.inlet?.localEnv ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

/** The local stack listens on this machine: a loopback host. */
export function isLocalUrl(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname) || url.hostname.startsWith('127.');
}
