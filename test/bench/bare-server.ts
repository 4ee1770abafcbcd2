// The baseline: what the same machine does with the same requests when nothing but Fastify runs. It parses
// the JSON body (Fastify's default parser) and answers 202 like the ingress, with no auth, no Avro, no Kafka.
// It runs as its own process, launched like the ingress (npx tsx), so that each server has a whole event loop
// to itself and the load generator in the bench process is shared equally by both runs.
import Fastify from 'fastify';

const app = Fastify({ logger: false });

app.get('/health/ready', async () => ({ status: 'ready' }));
app.post('/webhooks/lti/events', async (_request, reply) => reply.status(202).send({ eventId: 'x' }));

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });

// The stop signal arrives twice (to the process group, and relayed by tsx): the second must not kill the
// server halfway through closing.
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void app.close().then(() => process.exit(0));
  });
}
