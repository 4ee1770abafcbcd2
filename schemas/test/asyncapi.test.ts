import { readFileSync } from 'node:fs';
import { Parser, type SchemaParser } from '@asyncapi/parser';
import { serviceNames, serviceTopics, unmappedTopic } from '@inlet/topics';
import avsc, { type Schema } from 'avsc';
import { describe, expect, it } from 'vitest';
import { formatLikeRepository } from '../scripts/format.js';
import { asyncApiPath, buildAsyncApiDocument, renderAsyncApi } from '../src/asyncapi/document.js';
import { avroSchemaFormat } from '../src/asyncapi/messages.js';
import { eventTypes, retryHeaders } from '../src/index.js';

/**
 * The parser ships no Avro schema parser (its own is a separate package), so this one reads each embedded
 * payload the way the codec will: avsc must accept it as a schema, or parsing fails.
 */
function avroSchemaParser(parsed: string[]): SchemaParser {
  return {
    getMimeTypes: () => [avroSchemaFormat],
    validate: () => [],
    parse: (input) => {
      parsed.push(String(avsc.Type.forSchema(input.data as Schema).name));
      return input.data as never;
    },
  };
}

describe('the AsyncAPI document', () => {
  it('schemas/asyncapi.json is what the topic declaration and the schemas generate', async () => {
    const onDisk = readFileSync(asyncApiPath, 'utf8');
    const fresh = await formatLikeRepository(renderAsyncApi(), asyncApiPath);
    expect(
      onDisk === fresh,
      'schemas/asyncapi.json is out of date: run `npm run generate --workspace @inlet/schemas` and commit it',
    ).toBe(true);
  });

  it('the official AsyncAPI parser finds no error in it, Avro payloads included', async () => {
    const parsed: string[] = [];
    const parser = new Parser();
    parser.registerSchemaParser(avroSchemaParser(parsed));
    const { document, diagnostics } = await parser.parse(readFileSync(asyncApiPath, 'utf8'));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('/')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.1.0');
    expect(new Set(parsed)).toEqual(
      new Set([
        ...serviceNames.map(
          (service) => `inlet.${service}.${service[0]?.toUpperCase()}${service.slice(1)}Event`,
        ),
        'inlet.unmapped.UnmappedWebhook',
      ]),
    );
  });

  it('has a channel for every main, retry, DLQ and unmapped topic', () => {
    const channels = Object.values(buildAsyncApiDocument().channels as Record<string, { address: string }>);
    const expected = [
      ...serviceNames.flatMap((service) => {
        const topics = serviceTopics(service);
        return [topics.main, ...topics.retryTiers.map((tier) => tier.topic), topics.dlq];
      }),
      unmappedTopic,
    ];
    expect(channels.map((channel) => channel.address).sort()).toEqual(expected.sort());
  });

  it('names every event type, its key and the retry headers of failed records', () => {
    const document = buildAsyncApiDocument() as { components: { messages: Record<string, never> } };
    const messages = document.components.messages as Record<string, Record<string, unknown>>;
    for (const type of Object.keys(eventTypes)) expect(messages[type]).toBeDefined();
    expect(messages['payment.refunded']).toMatchObject({
      headers: { properties: { 'inlet-event-type': { const: 'payment.refunded' } } },
      bindings: { kafka: { key: { description: 'UTF-8 text: data.paymentId.' } } },
    });
    const failed = messages['grades.failed'] as { headers: { properties: object; required: string[] } };
    expect(Object.keys(failed.headers.properties)).toEqual(
      expect.arrayContaining(Object.values(retryHeaders)),
    );
    expect(failed.headers.required).not.toContain(retryHeaders.errorStack);
  });

  it('lets each service receive its main topic and retry tiers in its own groups', () => {
    const operations = buildAsyncApiDocument().operations as Record<string, Record<string, unknown>>;
    expect(operations['grades.receives']).toMatchObject({
      action: 'receive',
      bindings: { kafka: { groupId: { enum: ['inlet-grades'] } } },
    });
    expect(operations['grades.receives.retry.1000']).toMatchObject({
      bindings: { kafka: { groupId: { enum: ['inlet-grades-retry'] } } },
    });
    expect(operations['grades.sends.dlq']).toMatchObject({ action: 'send' });
    expect(operations['ingress.sends.unmapped']).toMatchObject({ action: 'send' });
  });
});
