import { avroType } from './avro-types.js';
import { incompatibility } from './incompatibility.js';
import { schemaVersions, type SchemaVersion, type SchemaVersionsByTopic } from './schema-files.js';

/**
 * The compatibility Inlet enforces between the versions of a topic's value schema: FULL_TRANSITIVE, in the
 * Confluent Schema Registry's terms. Every version can read data written with every other version:
 * - backward (newer reads older): consumers that upgraded read what older producers wrote, and every consumer
 *   reads the older values still in the topic, its retry tiers and its DLQ (kept 30 days, replayed later);
 * - forward (older reads newer): the ingress (the only producer) may deploy a new schema before the consumers
 *   upgrade, and consumers deploy independently of each other, so a consumer still on an older version must
 *   read what the new ingress writes;
 * - transitive: a consumer may be several versions behind, and a DLQ replay may bring back values several
 *   versions old.
 * In practice: add or remove only fields that have a default (nullable with default null), never change a
 * field's type except by Avro's promotions both ways allow, never rename a record, never add an enum symbol to
 * an enum without a default, never add or remove a record of the data union (a new kind of event that existing
 * consumers cannot read goes to a new topic version instead).
 */
export const enforcedCompatibility = 'FULL_TRANSITIVE';

export interface CompatibilityProblem {
  topic: string;
  /** The version that could not read. */
  readerVersion: number;
  /** The version whose data it could not read. */
  writerVersion: number;
  direction: 'backward' | 'forward';
  /** Says which versions, which direction and where it breaks (a field or record name, never data). */
  message: string;
}

/** The problems between every pair of a topic's versions (oldest first); empty when they are all compatible. */
export function checkTopicCompatibility(versions: readonly SchemaVersion[]): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  versions.forEach((older, index) => {
    for (const newer of versions.slice(index + 1)) {
      const backward = readProblem(newer, older);
      if (backward) problems.push(problem(newer, older, 'backward', backward));
      const forward = readProblem(older, newer);
      if (forward) problems.push(problem(older, newer, 'forward', forward));
    }
  });
  return problems;
}

/** The problems of every topic's versions, for the schemas in avro/ unless given others. */
export function checkCompatibility(
  byTopic: SchemaVersionsByTopic = schemaVersions(),
): CompatibilityProblem[] {
  return [...byTopic.values()].flatMap(checkTopicCompatibility);
}

function readProblem(reader: SchemaVersion, writer: SchemaVersion): string | undefined {
  return incompatibility(avroType(reader.schema), avroType(writer.schema));
}

function problem(
  reader: SchemaVersion,
  writer: SchemaVersion,
  direction: 'backward' | 'forward',
  reason: string,
): CompatibilityProblem {
  const who =
    direction === 'backward'
      ? 'consumers on the newer schema could not read older data'
      : 'consumers still on the older schema could not read newer data';
  return {
    topic: reader.topic,
    readerVersion: reader.version,
    writerVersion: writer.version,
    direction,
    message:
      `${reader.topic}: v${reader.version} cannot read data written with v${writer.version} ` +
      `(${direction} compatibility: ${who}): ${reason}`,
  };
}
