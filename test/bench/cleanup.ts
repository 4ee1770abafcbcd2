/**
 * Everything the benchmark starts registers how to stop it here, right after starting it; the stops run in
 * reverse order (ingress before the Kafka it flushes to) exactly once, whether the run ends, fails or is
 * interrupted.
 */
export class Cleanup {
  private readonly steps: { what: string; stop: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(what: string, stop: () => Promise<void>): void {
    this.steps.push({ what, stop });
  }

  run(): Promise<void> {
    return (this.running ??= this.stopAll());
  }

  private async stopAll(): Promise<void> {
    // pop(), not a loop over a copy: something registered while stopping (a process started just as Ctrl-C
    // arrived) is stopped too.
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.stop();
      } catch (error) {
        // One failed stop must not leave the rest running.
        console.error(`[bench] stopping ${step.what} failed:`, error);
      }
    }
  }
}

/**
 * Ctrl-C or SIGTERM stops everything that was started before the process exits. A second signal while
 * stopping is ignored on purpose: exiting then would orphan the processes still being stopped.
 */
export function cleanUpOnSignals(cleanup: Cleanup): void {
  let interrupted = false;
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (interrupted) {
        console.error(`[bench] ${signal}: still stopping what was started, please wait`);
        return;
      }
      interrupted = true;
      console.error(`[bench] ${signal}: stopping everything that was started`);
      void cleanup.run().finally(() => process.exit(exitCode));
    });
  }
}
