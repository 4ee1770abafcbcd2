import type { Admin, Kafka } from 'kafkajs';

export interface KafkaConnectivity {
  /** True while the last probe reached the cluster. */
  readonly reachable: boolean;
  /** Why the last probe failed, for the readiness report. */
  readonly lastError: string | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Probes the cluster every `intervalMs` (metadata request with a short timeout), so /health/ready can say
 * "not ready" while Kafka is unreachable instead of accepting webhooks it would answer with 503.
 */
export function watchKafkaConnectivity(kafka: Kafka, intervalMs = 5_000): KafkaConnectivity {
  let admin: Admin | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reachable = false;
  let lastError: string | undefined = 'not probed yet';

  const probe = async () => {
    try {
      admin ??= kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      await admin.describeCluster();
      reachable = true;
      lastError = undefined;
    } catch (error) {
      reachable = false;
      lastError = (error as Error).message;
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    }
  };

  return {
    get reachable() {
      return reachable;
    },
    get lastError() {
      return lastError;
    },
    async start() {
      await probe();
      const loop = () => {
        timer = setTimeout(() => void probe().finally(() => timer && loop()), intervalMs);
        timer.unref();
      };
      loop();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
