import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogPath, eventTypes, renderCatalog } from '../src/index.js';
import { editedRecord, withVersions } from './support/schema-edits.js';

describe('the event catalog', () => {
  it('CATALOG.md is what the schemas generate', () => {
    const onDisk = readFileSync(catalogPath, 'utf8');
    expect(
      onDisk === renderCatalog(),
      'schemas/CATALOG.md is out of date: run `npm run generate --workspace @inlet/schemas` and commit it',
    ).toBe(true);
  });

  it('lists every event type with its partition key, and every field', () => {
    const catalog = renderCatalog();
    for (const type of Object.keys(eventTypes)) expect(catalog).toContain(`| \`${type}\``);
    expect(catalog).toMatch(/\| `payment\.refunded` +\| PaymentChange +\| `data\.paymentId` +\|/);
    expect(catalog).toMatch(/\| `member\.added` +\| MembershipChange +\| `data\.contextId` +\|/);
    expect(catalog).toMatch(
      /\| `currentPeriodEnd` +\| long \(timestamp-millis\) +\| yes +\| End of the paid period/,
    );
    expect(catalog).toContain('### BehaviorItem');
  });

  it('lists every version of a topic', () => {
    const v2 = editedRecord('inlet.media.v1', 'TranscriptionCompleted', (fields) => [
      ...fields,
      { name: 'language', type: ['null', 'string'], default: null, doc: 'The transcript language (BCP 47).' },
    ]);
    const catalog = renderCatalog(
      withVersions(
        'inlet.media.v1',
        editedRecord('inlet.media.v1', 'TranscriptionCompleted', (f) => f),
        v2,
      ),
    );
    expect(catalog).toMatch(/versions: v1 \(id \d+\), v2 \(id \d+\); latest v2\./);
    expect(catalog).toMatch(/\| `language` +\| string +\| yes +\| The transcript language/);
  });
});
