import { serviceNames } from '@inlet/topics';

/** The --help texts, one per command; each ends with examples. */

const services = serviceNames.join(', ');

const main = `inlet: send test webhooks to Inlet and operate its dead-letter queues

Usage:
  inlet send <source> <type|fixture> [options]     sign and post a sample webhook (like \`stripe trigger\`)
  inlet dlq list <service> [filters]               list a service's dead letters
  inlet dlq show <service> <eventId|p:offset>      everything about one dead letter
  inlet dlq replay <service> [filters]             produce dead letters again, with fresh attempts

Run \`inlet <command> --help\` for a command's options and examples.
In this repository: \`npm run inlet -- <command>\` at the root, or \`npx inlet <command>\` in packages/cli.

Environment:
  KAFKA_BROKERS        host:port[,host:port]; required by the dlq commands
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

const dlqReplay = `Usage: inlet dlq replay <service> [filters] [--to main|retry] [--dry-run] [--yes]

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
event ids they already processed.

${filters}
  --to <main|retry>       where to (default main)
  --dry-run               only count
  --yes, -y               do not ask

${overrides}

Examples:
  inlet dlq replay grades --type grade.updated --error-class TypeError --dry-run
  inlet dlq replay grades --type grade.updated --error-class TypeError --yes
  inlet dlq replay payments --event-id 5f0c1b7e-2a8d-8c3e-9f10-1b2c3d4e5f60 --to retry --yes
`;

export const helpTexts = {
  main,
  send,
  dlq,
  'dlq list': dlqList,
  'dlq show': dlqShow,
  'dlq replay': dlqReplay,
} as const;

export type HelpTopic = keyof typeof helpTexts;
