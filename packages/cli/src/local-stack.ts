import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The ingress publishes its local-stack settings as package exports, so the CLI finds them wherever the
// package is installed, without knowing the ingress's folder.
const resolveIngressFile = (name: string) => createRequire(import.meta.url).resolve(`@inlet/ingress/${name}`);

/** The senders of the local stack (`npm start`): the default sources file of `inlet send`. */
export function localStackSourcesFile(): string {
  return resolveIngressFile('sources.local.yaml');
}

/**
 * The development secrets the local stack gives the ingress: its package.json, `inlet.localEnv`. `inlet send`
 * uses them for a variable the environment does not set, but only when the request goes to this machine: they
 * are never valid anywhere else.
 */
export function localStackEnv(): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(resolveIngressFile('package.json'), 'utf8')) as {
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
