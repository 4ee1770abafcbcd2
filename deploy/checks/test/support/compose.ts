import { parse } from 'yaml';
import { readRepoFile } from './repo.js';

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const composePath = 'docker-compose.yml';

/** docker-compose.yml with YAML merge keys (`<<: *anchor`) resolved, as Compose resolves them. */
export function loadCompose(): ComposeFile {
  return parse(readRepoFile(composePath), { merge: true }) as ComposeFile;
}

/** A service's environment as strings, from the map or the list form. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** The container side of every published port (`8080:8080`, `127.0.0.1:9094:9094`, long syntax). */
export function containerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    const withoutProtocol = String(port).split('/')[0]!;
    return Number(withoutProtocol.split(':').at(-1));
  });
}

/** Files and folders mounted from the repository (bind mounts with a relative source), relative to the root. */
export function bindMounts(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.type === 'bind' && volume.source
        ? [{ source: normalize(volume.source), target: volume.target }]
        : [];
    }
    const [source, target] = volume.split(':');
    if (!source || !target || !(source.startsWith('./') || source.startsWith('../'))) return [];
    return [{ source: normalize(source), target }];
  });
}

function normalize(source: string): string {
  return source.replace(/^\.\//, '').replace(/\/$/, '');
}

/** depends_on as target -> condition (the short list form means service_started). */
export function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, spec]) => [name, spec.condition ?? 'service_started']),
  );
}

/** The Dockerfile a service builds, relative to the repository root, or undefined when it uses an image. */
export function dockerfileOf(service: ComposeService): string | undefined {
  if (service.build === undefined) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = normalize(build.context ?? '.');
  const dockerfile = build.dockerfile ?? 'Dockerfile';
  return context === '.' || context === '' ? dockerfile : `${context}/${dockerfile}`;
}

/** A service's build arguments (`args:` map or `KEY=value` list), empty when it has no build. */
export function buildArgsOf(service: ComposeService): Record<string, string> {
  if (typeof service.build !== 'object' || service.build.args === undefined) return {};
  const args = service.build.args;
  if (!Array.isArray(args)) return args;
  return Object.fromEntries(
    args.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

/** The command as one string (list or string form). */
export function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** Host names in a URL or a `host:port[,host:port]` list. */
export function hostsIn(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(part) ? new URL(part) : new URL(`tcp://${part}`);
      return url.hostname;
    });
}
