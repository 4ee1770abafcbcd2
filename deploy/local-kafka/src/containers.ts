import { LocalKafkaError } from './errors.js';

/**
 * Whether Kafka and PostgreSQL for tests and `npm start` may come from testcontainers:
 *   auto  - when a Docker engine answers (the default);
 *   never - always the jar launcher (and a local or embedded PostgreSQL), even with Docker present.
 */
export type ContainerPolicy = 'auto' | 'never';

const policyVariable = 'INLET_CONTAINERS';

/** Reads INLET_CONTAINERS; an unknown value stops start-up instead of silently picking a path. */
export function containerPolicy(env: NodeJS.ProcessEnv = process.env): ContainerPolicy {
  const value = env[policyVariable]?.trim().toLowerCase();
  if (!value) return 'auto';
  if (value === 'auto' || value === 'never') return value;
  throw new LocalKafkaError(
    'INLET_CONTAINERS_INVALID',
    `${policyVariable} must be "auto" or "never", not "${env[policyVariable]}"`,
  );
}

/** How long detection may take before the answer is "no engine": a silent DOCKER_HOST must not hang start-up. */
export const dockerProbeTimeoutMs = 5_000;

/**
 * True when testcontainers' own runtime detection finds a working engine (DOCKER_HOST, ~/.testcontainers
 * .properties, the Docker or rootless socket), within `timeoutMs`. testcontainers is imported only here, so
 * a run that never asks does not load it.
 */
export async function dockerAnswers(timeoutMs = dockerProbeTimeoutMs): Promise<boolean> {
  // Loading the library reads local files only and cannot hang; on a busy machine it may take seconds, which
  // must not count against the engine.
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    // A probe still waiting on a dead TCP DOCKER_HOST must not keep the process alive.
    timer.unref();
  });
  const probe = getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
