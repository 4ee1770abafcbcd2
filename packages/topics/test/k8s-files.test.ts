import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultStrimziOptions, principals, renderStrimzi, type Principal } from '../src/index.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/** Where each principal's generated Strimzi resources live in deploy/k8s. */
const fileOf = (principal: Principal) =>
  principal === 'replay' ? 'deploy/k8s/replay/kafka.yaml' : `deploy/k8s/${principal}/base/kafka.yaml`;

const regenerate = (principal: Principal) =>
  `npm run -s topics -- render strimzi ${principal === 'replay' ? '--user replay' : `--service ${principal}`} > ${fileOf(principal)}`;

describe('the generated Kafka resources in deploy/k8s', () => {
  it.each(principals)('%s: the file is exactly what render strimzi prints', async (principal) => {
    const file = await readFile(`${repository}${fileOf(principal)}`, 'utf8');
    const rendered = renderStrimzi(principal, defaultStrimziOptions);
    expect(
      file,
      `${fileOf(principal)} differs from packages/topics; regenerate: ${regenerate(principal)}`,
    ).toBe(rendered);
  });
});
