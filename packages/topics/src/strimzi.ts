import { topicsOwnedBy, type OwnedTopicSpec } from './declaration.js';
import { aclsFor, isServiceName, kafkaUserName, type Principal } from './permissions.js';
import { stringify } from 'yaml';

/**
 * Strimzi resources (kafka.strimzi.io/v1beta2) for one principal: a KafkaTopic per topic the service owns,
 * and one KafkaUser (SCRAM-SHA-512, simple authorization) carrying the principal's ACLs. The Topic and User
 * Operators of the Kafka cluster named by the `strimzi.io/cluster` label reconcile them; the User Operator
 * writes the user's password to a Secret named like the KafkaUser, in the KafkaUser's namespace.
 */

export interface StrimziOptions {
  /** The Strimzi `Kafka` resource the topics and user belong to (label strimzi.io/cluster). */
  cluster: string;
  /** Where the resources, and so the user's Secret, live: the namespace of the pods. */
  namespace: string;
}

export const defaultStrimziOptions: StrimziOptions = { cluster: 'inlet-kafka', namespace: 'inlet' };

/** Rendered for a production cluster: three replicas, so min.insync.replicas=2 with acks=all. */
export const strimziReplicationFactor = 3;

const apiVersion = 'kafka.strimzi.io/v1beta2';

type Manifest = Record<string, unknown>;

export function strimziResources(principal: Principal, options: StrimziOptions): Manifest[] {
  const owned =
    principal === 'replay' ? [] : topicsOwnedBy(principal, { replicationFactor: strimziReplicationFactor });
  return [...owned.map((spec) => kafkaTopic(spec, options)), kafkaUser(principal, options)];
}

function metadata(name: string, { cluster, namespace }: StrimziOptions): Manifest {
  return { name, namespace, labels: { 'strimzi.io/cluster': cluster } };
}

function kafkaTopic(spec: OwnedTopicSpec, options: StrimziOptions): Manifest {
  return {
    apiVersion,
    kind: 'KafkaTopic',
    // Every Inlet topic name is a valid Kubernetes name; topicName says it explicitly anyway.
    metadata: metadata(spec.name, options),
    spec: {
      topicName: spec.name,
      partitions: spec.partitions,
      replicas: strimziReplicationFactor,
      config: { ...spec.config },
    },
  };
}

function kafkaUser(principal: Principal, options: StrimziOptions): Manifest {
  return {
    apiVersion,
    kind: 'KafkaUser',
    metadata: metadata(kafkaUserName(principal), options),
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: aclsFor(principal).map((rule) => ({
          resource: { ...rule.resource },
          operations: [...rule.operations],
        })),
      },
    },
  };
}

/** The command that prints this output: the generated files name it in their header. */
export function renderCommand(principal: Principal, options: StrimziOptions): string {
  const who = principal === 'replay' ? '--user replay' : `--service ${principal}`;
  const extra = [
    options.cluster !== defaultStrimziOptions.cluster ? ` --cluster ${options.cluster}` : '',
    options.namespace !== defaultStrimziOptions.namespace ? ` --namespace ${options.namespace}` : '',
  ].join('');
  return `npm run topics -- render strimzi ${who}${extra}`;
}

/** The resources as one multi-document YAML stream, with a header saying where it comes from. */
export function renderStrimzi(principal: Principal, options: StrimziOptions): string {
  const user = kafkaUserName(principal);
  const what = isServiceName(principal)
    ? [`# The topics the ${principal} service owns (KafkaTopic) and its Kafka user ${user} (KafkaUser:`]
    : principal === 'ingress'
      ? [
          "# The topic the ingress owns (KafkaTopic: authentic webhooks it could not map; it writes the consumers'",
          `# main topics too) and its Kafka user ${user} (KafkaUser:`,
        ]
      : [`# The Kafka user ${user} of \`inlet dlq|unmapped list|show|replay\` (KafkaUser:`];
  const header = [
    `# GENERATED from packages/topics by \`${renderCommand(principal, options)}\`: do not edit by hand;`,
    '# change packages/topics and regenerate (a test in packages/topics fails while this file differs).',
    ...what,
    `# SCRAM-SHA-512, least-privilege ACLs). The Strimzi entity operator must watch the ${options.namespace} namespace, so`,
    `# that the User Operator writes the Secret ${user} (keys password, sasl.jaas.config) next to the pods.`,
  ];
  // Single quotes and no line folding: the files in deploy/k8s then match the repository's Prettier style byte
  // for byte, so the drift test can compare them as text.
  const documents = strimziResources(principal, options).map((manifest) =>
    stringify(manifest, { singleQuote: true, lineWidth: 0 }),
  );
  return `${header.join('\n')}\n${documents.join('---\n')}`;
}
