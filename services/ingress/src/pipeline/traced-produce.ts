import { withProducerSpan, type OutgoingRecord } from '@inlet/kafka-runtime/producer';
import type { IngressMetrics } from '../metrics.js';

/**
 * The ingress's produce: a PRODUCER span whose W3C context travels in the record's headers (so the consumer's
 * span continues the webhook's trace), and the time to Kafka's acknowledgement in the metrics.
 */
export function tracedProduce(
  send: (record: OutgoingRecord) => Promise<void>,
  metrics: IngressMetrics,
  /** Counted for the health report's failure rate. */
  outcomes: { acknowledged: number; refused: number } = { acknowledged: 0, refused: 0 },
) {
  return (record: OutgoingRecord) =>
    withProducerSpan(
      record,
      {
        'inlet.event_id': record.headers['inlet-event-id'] ?? '',
        'inlet.event_type': record.headers['inlet-event-type'] ?? '',
        'inlet.source': record.headers['inlet-source'] ?? '',
      },
      async (traced) => {
        const end = metrics.produceDuration.startTimer({ topic: traced.topic });
        try {
          await send(traced);
        } catch (error) {
          metrics.produceFailures.inc();
          outcomes.refused++;
          throw error;
        }
        outcomes.acknowledged++;
        end();
      },
    );
}
