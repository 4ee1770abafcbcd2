import { parseArgs } from 'node:util';
import { serviceNames } from './declaration.js';
import { isServiceName, type Principal } from './permissions.js';
import { defaultStrimziOptions, type StrimziOptions } from './strimzi.js';

export const usage = `usage:
  inlet-topics list [--service <name>]
  inlet-topics apply [--service <name>] [--dry-run]
  inlet-topics render strimzi (--service <name> | --user replay) [--cluster ${defaultStrimziOptions.cluster}] [--namespace ${defaultStrimziOptions.namespace}]

<name> is ingress or a consumer service (${serviceNames.join(', ')}). apply reads the cluster from KAFKA_BROKERS
(and KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*) and KAFKA_REPLICATION_FACTOR.`;

export type TopicsCommand =
  | { kind: 'list'; service?: Principal }
  | { kind: 'apply'; service?: Principal; dryRun: boolean }
  | { kind: 'render'; principal: Principal; strimzi: StrimziOptions };

/** A command line that cannot run; the message says what to change. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseTopicsArgs(argv: string[]): TopicsCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        service: { type: 'string' },
        user: { type: 'string' },
        cluster: { type: 'string' },
        namespace: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [command = 'list', ...rest] = positionals;
  const service = values.service === undefined ? undefined : serviceOption(values.service);

  if (command === 'list' || command === 'apply') {
    if (rest.length > 0) throw new UsageError(`unexpected "${rest.join(' ')}" after ${command}`);
    for (const option of ['user', 'cluster', 'namespace'] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is only for render strimzi`);
    }
    if (command === 'list') {
      if (values['dry-run']) throw new UsageError('--dry-run is only for apply');
      return service ? { kind: 'list', service } : { kind: 'list' };
    }
    return service
      ? { kind: 'apply', service, dryRun: values['dry-run'] }
      : { kind: 'apply', dryRun: values['dry-run'] };
  }
  if (command === 'render') {
    if (rest.length !== 1 || rest[0] !== 'strimzi')
      throw new UsageError('render takes one format: render strimzi (--service <name> | --user replay)');
    if (values['dry-run']) throw new UsageError('--dry-run is only for apply');
    if ((service === undefined) === (values.user === undefined))
      throw new UsageError('render strimzi needs exactly one of --service <name> or --user replay');
    if (values.user !== undefined && values.user !== 'replay')
      throw new UsageError(`--user ${values.user}: the only user without a service is replay`);
    return {
      kind: 'render',
      principal: service ?? 'replay',
      strimzi: {
        cluster: kubernetesName(values.cluster ?? defaultStrimziOptions.cluster, 'cluster'),
        namespace: kubernetesName(values.namespace ?? defaultStrimziOptions.namespace, 'namespace'),
      },
    };
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** --service names a deployable: the ingress or a consumer service (replay is a user, not a service). */
function serviceOption(name: string): Exclude<Principal, 'replay'> {
  if (name === 'ingress' || isServiceName(name)) return name;
  throw new UsageError(`--service ${name}: expected ingress or one of ${serviceNames.join(', ')}`);
}

function kubernetesName(value: string, option: string): string {
  // A Kubernetes name: lowercase letters, digits and '-', starting and ending alphanumeric.
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value))
    throw new UsageError(`--${option} ${JSON.stringify(value)}: expected a Kubernetes name (a-z, 0-9, -)`);
  return value;
}
