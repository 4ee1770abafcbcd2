import { describe, expect, it } from 'vitest';
import { parseTopicsArgs } from '../src/cli-args.js';
import { renderStrimzi } from '../src/index.js';
import { runTopicsCli } from '../src/run-cli.js';

async function topicsCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runTopicsCli(argv, {
    env: {},
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('the inlet-topics command line', () => {
  it('reads list, apply and render strimzi with their options', () => {
    expect(parseTopicsArgs([])).toEqual({ kind: 'list' });
    expect(parseTopicsArgs(['list', '--service', 'media'])).toEqual({ kind: 'list', service: 'media' });
    expect(parseTopicsArgs(['apply'])).toEqual({ kind: 'apply', dryRun: false });
    expect(parseTopicsArgs(['apply', '--service', 'grades', '--dry-run'])).toEqual({
      kind: 'apply',
      service: 'grades',
      dryRun: true,
    });
    expect(parseTopicsArgs(['render', 'strimzi', '--service', 'ingress'])).toEqual({
      kind: 'render',
      principal: 'ingress',
      strimzi: { cluster: 'inlet-kafka', namespace: 'inlet' },
    });
    expect(parseTopicsArgs(['render', 'strimzi', '--user', 'replay', '--cluster', 'events'])).toEqual({
      kind: 'render',
      principal: 'replay',
      strimzi: { cluster: 'events', namespace: 'inlet' },
    });
  });

  it.each([
    [['apply', '--service', 'billing'], /--service billing: expected ingress or one of grades/],
    [['apply', '--service', 'replay'], /--service replay/],
    [['apply', '--user', 'replay'], /--user is only for render strimzi/],
    [['apply', '--cluster', 'x'], /--cluster is only for render strimzi/],
    [['list', '--dry-run'], /--dry-run is only for apply/],
    [['render', 'strimzi'], /exactly one of --service <name> or --user replay/],
    [['render', 'strimzi', '--service', 'grades', '--user', 'replay'], /exactly one of/],
    [['render', 'strimzi', '--user', 'admin'], /the only user without a service is replay/],
    [['render', 'helm', '--service', 'grades'], /render takes one format/],
    [['render', 'strimzi', '--service', 'grades', '--namespace', 'Inlet_Prod'], /expected a Kubernetes name/],
    [['apply', '--force'], /Unknown option '--force'/],
    [['delete'], /unknown command "delete"/],
  ])('refuses %j with exit code 2 and says why', async (argv, reason) => {
    const result = await topicsCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain('usage:');
  });

  it('prints the rendered resources on stdout', async () => {
    const result = await topicsCli(['render', 'strimzi', '--service', 'grades']);
    expect(result).toEqual({
      code: 0,
      stdout: renderStrimzi('grades', { cluster: 'inlet-kafka', namespace: 'inlet' }),
      stderr: '',
    });
  });

  it("lists a service's topics with their owner", async () => {
    const result = await topicsCli(['list', '--service', 'payments']);
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual([
      'inlet.payments.v1',
      'payments.retry.1000',
      'payments.retry.2000',
      'payments.retry.4000',
      'payments.dlq',
    ]);
    expect(result.stdout).toContain('owner=payments');
    // Five services' five topics each, and the ingress's unmapped topic.
    expect((await topicsCli(['list'])).stdout.trim().split('\n')).toHaveLength(26);
  });
});
