import { defaultProcessedRetentionDays } from '@inlet/kafka-runtime';
import { serviceNames } from '@inlet/topics';

/** The --help texts, one per command; each ends with examples. */

const services = serviceNames.join(', ');

/** The runtime's default processed-ids retention, e.g. "37 days" (per service where they differ). */
const defaultRetention = (() => {
  const days = serviceNames.map((service) => defaultProcessedRetentionDays(service));
  return new Set(days).size === 1
    ? `${days[0]} days`
    : serviceNames.map((service, i) => `${service} ${days[i]}`).join(', ') + ' days';
})();

const main = `inlet: send test webhooks to Inlet and operate its dead-letter queues and unmapped webhooks

Usage:
  inlet send <source> <type|fixture> [options]     sign and post a sample webhook (like \`stripe trigger\`)
  inlet dlq list <service> [filters]               list a service's dead letters
  inlet dlq show <service> <eventId|p:offset>      everything about one dead letter
  inlet dlq replay <service> [filters]             produce dead letters again, with fresh attempts
  inlet unmapped list [filters]                    authentic webhooks no mapping knew (inlet.unmapped.v1)
  inlet unmapped show <eventId|p:offset>           one of them, with its payload
  inlet unmapped replay [filters]                  send those that map now to their topic, same eventId

Run \`inlet <command> --help\` for a command's options and examples.
In this repository: \`npm run inlet -- <command>\` at the root, or \`npx inlet <command>\` in packages/cli.

Environment:
  KAFKA_BROKERS        host:port[,host:port]; required by the dlq and unmapped commands
  KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_*, KAFKA_OAUTH_*
                       TLS and SASL for a real cluster, read as every Inlet service reads them
                       (packages/kafka-connection/README.md lists them)
  SCHEMA_REGISTRY_URL  a Confluent-compatible registry; unset: the embedded one (as the services)
  INLET_URL            the ingress for \`inlet send\` (default http://127.0.0.1:8080)
  INLET_DEBUG          set to print the stack of an unexpected error

Exit codes: 0 done, 1 failed (or a non-2xx answer), 2 wrong usage.

Examples:
  inlet send local-lti grade.updated
  KAFKA_BROKERS=127.0.0.1:9092 inlet dlq list grades --since 24h
`;

const send = `Usage: inlet send <source> <type|fixture> [options]

Signs a webhook with the source's real scheme and posts it to the ingress, then prints the HTTP status and the
answer (the eventId, or the problem). Exits 1 on a non-2xx answer.

  <source>           a source id of the sources file, e.g. local-lti, local-stripe, local-platform
  <type|fixture>     a canonical event type (a built-in sample with a fresh id and the current time: each send
                     is a new event) or the path of a JSON fixture, sent as it is (generic, Canvas, Moodle or
                     Stripe format), e.g. services/ingress/test/fixtures/canvas/grade_change.json

Options:
  --url <url>        the ingress (default: $INLET_URL, else http://127.0.0.1:8080)
  --sources <file>   the sources file (default: services/ingress/sources.local.yaml, the local stack's)
  --set <path=value> change a body field before signing; repeatable. The value is JSON when it parses
                     (90, true, null, "123") and text otherwise: --set data.score=90 --set 'data.userId="42"'
  --key <pem>        private key for canvas-jwt sources (and jwt sources verified through a JWKS)
  --kid <id>         the key's id in the source's JWKS (with --key)
  --timeout <s>      seconds to wait for the answer (default 10)

The route follows the source's family: lti -> /webhooks/lti/events?source=<id>, services ->
/webhooks/services/<id>, commerce -> /api/webhooks/<id>, internal -> /webhooks/internal/<type>?source=<id>.
Signing follows its scheme: hmac (X-Webhook-Signature: sha256=<hex> over the exact body), api-key (X-API-Key),
stripe (Stripe-Signature t=..,v1=..), standard-webhooks (webhook-id/-timestamp/-signature), jwt (Bearer HS256
token with the source's issuer and audience, 5 minutes, fresh jti), moodle-token (token inside the JSON body),
canvas-jwt (the body is an RS256 JWT: needs --key and --kid).

A canonical type on a Stripe source sends Inlet's generic format (the commerce route takes both); for Stripe's
own format send a fixture, e.g. services/ingress/test/fixtures/stripe/charge.succeeded.json. A fixture is sent
as it is, so sending it twice is a duplicate (same eventId) unless --set changes its id (--set id=evt_new_1).

Secrets are read as the ingress reads them: environment variables and files named by the sources file. When
the request goes to this machine (127.0.0.1, localhost) an unset variable falls back to the local stack's
development value (services/ingress/package.json, "inlet.localEnv"), and a note says so.

Examples:
  inlet send local-lti grade.updated
  inlet send local-lti grade.updated --set data.score=90
  inlet send local-lti services/ingress/test/fixtures/canvas/grade_change.json
  inlet send local-stripe payment.success
  inlet send local-progress course.completed
  inlet send local-platform video.upload.completed
  inlet send canvas-signed grade.updated --sources sources.yaml --key canvas.pem --kid 2026-11
  STRIPE_WEBHOOK_SECRET=whsec_... inlet send stripe payment.success --url https://inlet.example.com --sources sources.yaml
`;

const filters = `Filters (list and replay):
  --type <type>           event type; repeatable or comma-separated; * matches anything: --type 'grade.*'
  --error-class <name>    inlet-error-class, e.g. TypeError, PermanentError, UndecodableEventError
  --event-id <id>         one event (repeatable)
  --since <time>          dead-lettered at or after: 2026-11-01T00:00:00Z, 2026-11-01, or an age: 30m, 12h, 7d
  --until <time>          dead-lettered before
  --limit <n>             at most n records, the oldest first (list: 50 unless given; replay: all)`;

const overrides = `For tests and operations:
  --dlq-topic <topic>     read this topic instead of the service's <service>.dlq
  --main-topic <topic>    replay to this topic instead of inlet.<service>.v1
  --retry-topic <topic>   replay --to retry to this topic instead of the first retry tier
  --timeout <s>           give up reading the DLQ to its end after this long (default 60)`;

const dlq = `Usage: inlet dlq <list|show|replay> <service> ...

A service's dead letters are the records its consumer gave up on (<service>.dlq): the event as it arrived,
with headers saying why (inlet-error-class/-message/-stack), after how many attempts (inlet-attempt) and from
where (inlet-original-topic/-partition/-offset). Services: ${services}.
Needs KAFKA_BROKERS (and, for a secured cluster, the KAFKA_SECURITY_PROTOCOL/SSL/SASL settings every service
reads: \`inlet --help\`). Reading never commits offsets in a service's group: it reads from the beginning to the
current end with a throwaway group of its own, which it deletes afterwards.

Run \`inlet dlq list --help\`, \`inlet dlq show --help\` or \`inlet dlq replay --help\`.
`;

const dlqList = `Usage: inlet dlq list <service> [filters] [--limit 50] [--json]

Reads the service's DLQ from the beginning to its current end and prints the matching dead letters, oldest
first: partition:offset, eventId, type, attempts, error class, error message (cut), dead-lettered at, and the
original topic/partition/offset. Values that cannot be decoded are listed too, with the decoding error.
With the same filters, list shows exactly what \`inlet dlq replay\` would replay.

${filters}
  --json                  print the records (with headers and decoded events) as JSON

${overrides}

Replayed dead letters stay in the DLQ (Kafka is append-only) and list shows them again: hiding already
replayed ones is not supported (the replayed copies carry inlet-replayed-from on the main topic).

Examples:
  KAFKA_BROKERS=127.0.0.1:9092 inlet dlq list grades
  inlet dlq list grades --type grade.updated --error-class TypeError --since 2026-11-01T00:00:00Z
  inlet dlq list payments --since 2h --json | jq '.[].eventId'
`;

const dlqShow = `Usage: inlet dlq show <service> <eventId | partition:offset> [--json]

Everything about one dead letter: where it is, its key, attempts, error, the original topic/partition/offset,
the raw sizes, every header (the error stack included) and the decoded event as JSON. An eventId that was
dead-lettered more than once (e.g. it failed again after a replay) shows every copy.

  --json                  print it as JSON

${overrides}

Examples:
  inlet dlq show grades 1:42
  inlet dlq show grades 5f0c1b7e-2a8d-8c3e-9f10-1b2c3d4e5f60
`;

const dlqReplay = `Usage: inlet dlq replay <service> [filters] [--to main|retry] [--dry-run] [--yes] [--force]

First prints how many dead letters match. --dry-run stops there. Otherwise asks for confirmation at a
terminal (without one it refuses unless --yes is given), then produces each matching record with the
runtime's acks=all idempotent producer, with a progress bar at a terminal and a summary line otherwise:
  --to main    (default) to inlet.<service>.v1: the consumer starts over at attempt 1
  --to retry   to the first retry tier (<service>.retry.<ms>) with inlet-not-before = now: the consumer takes
               it at once as its first retry (attempt 2) and then has the whole retry ladder
Each replayed record has the same key and value bytes and the event's own headers (inlet-event-id/-type/
-source, traceparent, tracestate), without the failed run's retry headers (inlet-attempt, inlet-not-before,
inlet-error-*, inlet-original-topic/-partition/-offset, inlet-first/last-failure-at, inlet-consumer-group),
plus:
  inlet-replayed-from          <dlq topic>/<partition>/<offset>
  inlet-replayed-at            epoch ms
  inlet-original-traceparent   the traceparent the dead letter carried
The traceparent is kept, so the consumer's span of the replay is a child of the span that dead-lettered the
event: the replay shows up in the original webhook's trace. inlet-original-traceparent keeps that link even
when a later failure of the replay rewrites traceparent.

Replaying does not remove anything from the DLQ (Kafka is append-only); \`inlet dlq list\` keeps showing
replayed records until the DLQ's retention (30 days) drops them. Replaying twice is harmless: consumers skip
event ids they already processed, for as long as they keep them.

Consumers keep a processed event id for their PROCESSED_EVENTS_RETENTION_DAYS (by default the longest
retention of the service's topics plus a 7-day replay window: ${defaultRetention}), then forget it. A dead letter whose
event was received longer ago than that may be applied twice if it (or a copy of it) was applied before, so
replay refuses it (exit 1, naming the records and the cutoff) unless --force is given; --dry-run lists them.

${filters}
  --to <main|retry>       where to (default main)
  --dry-run               only count
  --yes, -y               do not ask
  --force                 also replay dead letters received before the processed-ids retention
  --processed-retention-days <n>
                          the service's PROCESSED_EVENTS_RETENTION_DAYS when it is not the default
                          (default: the runtime's default for the service, ${defaultRetention})

${overrides}

Examples:
  inlet dlq replay grades --type grade.updated --error-class TypeError --dry-run
  inlet dlq replay grades --type grade.updated --error-class TypeError --yes
  inlet dlq replay payments --event-id 5f0c1b7e-2a8d-8c3e-9f10-1b2c3d4e5f60 --to retry --yes
`;

const unmappedFilters = `Filters (list and replay):
  --source <id>           the source it came from; repeatable or comma-separated
  --event-name <name>     the sender's event name; * matches anything: --event-name 'customer.*'
  --event-id <id>         one webhook (repeatable)
  --since <time>          received at or after: 2026-11-01T00:00:00Z, 2026-11-01, or an age: 30m, 12h, 7d
  --until <time>          received before
  --limit <n>             at most n records, the oldest first (list: 50 unless given; replay: all)`;

const unmappedOverrides = `For tests and operations:
  --unmapped-topic <topic>  read this topic instead of inlet.unmapped.v1
  --timeout <s>             give up reading the topic to its end after this long (default 60)`;

const unmapped = `Usage: inlet unmapped <list|show|replay> ...

An authentic webhook whose event name no mapping knows (Stripe's customer.created, a Canvas or Moodle event
Inlet does not map, a generic type no route takes) is answered 202 {status: "unmapped"} and kept on
inlet.unmapped.v1: its source, route family, event name, receive time, eventId and payload, without
credentials. Once a mapping exists, \`inlet unmapped replay\` sends it to its real topic.
Needs KAFKA_BROKERS (and, for a secured cluster, the settings every service reads: \`inlet --help\`). Reading
uses a throwaway consumer group that commits nothing and is deleted afterwards.

Run \`inlet unmapped list --help\`, \`inlet unmapped show --help\` or \`inlet unmapped replay --help\`.
`;

const unmappedList = `Usage: inlet unmapped list [filters] [--limit 50] [--json]

Reads inlet.unmapped.v1 from the beginning to its current end and prints the matching webhooks, oldest first:
partition:offset, eventId, source, route family, event name ("(not shown)" when it did not look like one),
received at and the payload's size. With the same filters, list shows exactly what replay would consider.

${unmappedFilters}
  --json                  print the records, payloads included, as JSON

${unmappedOverrides}

Examples:
  KAFKA_BROKERS=127.0.0.1:9092 inlet unmapped list
  inlet unmapped list --source stripe-prod --event-name 'customer.*' --since 7d
  inlet unmapped list --json | jq '.[].sourceEventName' | sort | uniq -c
`;

const unmappedShow = `Usage: inlet unmapped show <eventId | partition:offset> [--json]

One unmapped webhook: where it is, its eventId, source, route family, event name, when it was received and its
payload as JSON. A sender's retries of one event share its eventId; show prints every copy.

  --json                  print it as JSON

${unmappedOverrides}

Examples:
  inlet unmapped show 2:17
  inlet unmapped show 5f0c1b7e-2a8d-8c3e-9f10-1b2c3d4e5f60
`;

const unmappedReplay = `Usage: inlet unmapped replay [filters] [--dry-run] [--yes]

Runs the ingress's current normalizer of each matching webhook's route family on its payload. Those that map
now become their canonical event with the ORIGINAL eventId, source and receivedAt, encoded for their topic
(inlet.<domain>.v1) and produced with the runtime's acks=all idempotent producer, with the headers the
ingress sets (inlet-event-id, inlet-event-type, inlet-source) plus inlet-replayed-from
(<topic>/<partition>/<offset>) and inlet-replayed-at. Those that still do not map are listed with the reason
and skipped. First prints the counts; --dry-run stops there. Otherwise asks for confirmation at a terminal
(without one it refuses unless --yes is given).

Exit codes: 0 when everything that maps was replayed (or nothing matched), 1 when records matched but none
maps yet, 2 wrong usage. Replaying again is harmless: consumers skip event ids they already processed. The
records stay on inlet.unmapped.v1 until its retention (30 days) drops them.

${unmappedFilters}
  --dry-run               only count, and say which would map
  --yes, -y               do not ask

${unmappedOverrides}

Examples:
  inlet unmapped replay --source stripe-prod --event-name customer.created --dry-run
  inlet unmapped replay --source stripe-prod --event-name customer.created --yes
`;

export const helpTexts = {
  main,
  send,
  dlq,
  'dlq list': dlqList,
  'dlq show': dlqShow,
  'dlq replay': dlqReplay,
  unmapped,
  'unmapped list': unmappedList,
  'unmapped show': unmappedShow,
  'unmapped replay': unmappedReplay,
} as const;

export type HelpTopic = keyof typeof helpTexts;
