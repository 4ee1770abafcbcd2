import { fileURLToPath } from 'node:url';
import { closedPort, spawnService, waitFor } from '@inlet/test-harness';

const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url));

export interface ServiceProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  output(): string;
  /** SIGTERM, then the exit code (the services exit 0 after a graceful shutdown). */
  stop(): Promise<number | null>;
}

/**
 * Runs a service as production does: its own node process on src/main.ts, configured by environment only.
 * Resolves once GET /health/ready answers 200 (for a consumer service: it consumes and its database answers).
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const port = await closedPort();
  const started = spawnService(`${servicesDir}${service}`, {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...env,
  });
  const { child, exited } = started;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}`);
        return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${service} to be ready` },
    );
  } catch (error) {
    await stop();
    throw new Error(
      `${service} did not become ready: ${(error as Error).message}\n${started.output().slice(-3000)}`,
    );
  }
  return { url, output: started.output, stop };
}
