import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { UNIT_EVENT_TYPES } from '@reorg/domain';
import { PROPOSAL_EVENT_TYPES } from '@reorg/domain/proposals';
import type { RecordedEvent } from '@reorg/event-store';
import { PUBLIC_EVENT_TYPES, toIntegrationMessage, UNITS_TOPIC } from '@reorg/messaging';
import { requireKafka, uniqueName } from '@reorg/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { runWalkthrough } from '../../../apps/demo/src/walkthrough';
import { startTestApp, type RunningApp } from '../../e2e/support/test-app';
import { testKafka } from './messaging-test-bed';

const repoRoot = resolve(__dirname, '../../..');
const source = readFileSync(join(repoRoot, 'asyncapi.yaml'), 'utf8');
const document = parse(source) as { components: { messages: Record<string, { payload: { allOf: { properties?: { type?: { enum?: string[] } } }[] } }> } };
const enumOf = (message: string) => document.components.messages[message].payload.allOf[1].properties?.type?.enum ?? [];

interface Received {
  topic: string;
  key: string;
  contentType: string | undefined;
  value: Record<string, unknown>;
}

describe('AsyncAPI 3.0 contract of the topics (asyncapi.yaml)', () => {
  it('is a valid AsyncAPI 3.0 document for the AsyncAPI parser (no errors)', async () => {
    const diagnostics = await new Parser().validate(source);
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => diagnostic.message)).toEqual([]);
    expect(document).toMatchObject({ asyncapi: '3.0.0' });
  });

  it('names every event type the relay publishes, with the type the relay gives it', () => {
    const published = (type: string, streamId: string) => {
      const event = { type, streamId, eventId: 'e', position: 1, hash: 'h', data: {}, metadata: { recordedAt: '2025-01-01T00:00:00.000Z' } } as unknown as RecordedEvent;
      return toIntegrationMessage(event)?.event.type;
    };
    expect(enumOf('unitChange')).toEqual(PUBLIC_EVENT_TYPES.unit.map((type) => published(type, 'unit-u')));
    expect([...PUBLIC_EVENT_TYPES.unit].sort()).toEqual([...UNIT_EVENT_TYPES].sort());
    expect(enumOf('bodyChange')).toEqual(PUBLIC_EVENT_TYPES.body.map((type) => published(type, 'body-b')));
    expect(enumOf('proposalEvent')).toEqual(PROPOSAL_EVENT_TYPES.map((type) => published(type, 'proposal-p')));
  });

  describe('messages the relay really produced (real api, real broker)', () => {
    let running: RunningApp;
    const proposalsTopic = uniqueName('asyncapi_proposals');
    const received: Received[] = [];

    beforeAll(async () => {
      running = await startTestApp({ KAFKA_BROKERS: requireKafka().join(','), KAFKA_PROPOSALS_TOPIC: proposalsTopic, KAFKA_TOPIC_PARTITIONS: '2', NOTIFIER_GROUP_ID: uniqueName('asyncapi_notifier') });
      await runWalkthrough(running.url, () => undefined, uniqueName('A').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12));
      const token = ((await (await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'contract', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
      const log = ((await (await fetch(`${running.url}/api/v1/audit/events?limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { eventId: string; streamId: string }[] }).items;
      const expected = new Set(log.filter((event) => /^(unit|body|proposal)-/.test(event.streamId)).map((event) => event.eventId));
      expect(expected.size).toBeGreaterThan(5);

      const kafka = testKafka(requireKafka(), 'asyncapi-contract');
      const consumer = kafka.consumer({ groupId: uniqueName('asyncapi'), sessionTimeout: 10_000, heartbeatInterval: 1_000 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [UNITS_TOPIC, proposalsTopic], fromBeginning: true });
        const seen = new Set<string>();
        const deadline = Date.now() + 90_000;
        await consumer.run({
          eachMessage: async ({ topic, message }) => {
            const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as Record<string, unknown>;
            if (!expected.has(String(value.id))) return; // other suites' messages on the shared public topic
            seen.add(String(value.id));
            received.push({ topic, key: message.key?.toString() ?? '', contentType: message.headers?.['content-type']?.toString(), value });
          },
        });
        while (seen.size < expected.size && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
        expect(seen.size).toBe(expected.size);
      } finally {
        await consumer.disconnect();
      }
    }, 180_000);

    afterAll(async () => {
      await running?.close();
      const admin = testKafka(requireKafka(), 'asyncapi-cleanup').admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [proposalsTopic] }).catch(() => undefined);
      await admin.disconnect();
    });

    it('every message matches its channel’s payload schema, header and key', () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema(document, 'asyncapi');
      const messageFor = (record: Received) =>
        record.topic === UNITS_TOPIC ? (String(record.value.subject).startsWith('unit-') ? 'unitChange' : 'bodyChange') : 'proposalEvent';
      const kinds = new Set<string>();
      for (const record of received) {
        const message = messageFor(record);
        kinds.add(message);
        const validate = ajv.getSchema(`asyncapi#/components/messages/${message}/payload`);
        if (!validate) throw new Error(`no schema for ${message}`);
        if (!validate(record.value)) throw new Error(`${String(record.value.type)} does not match ${message}: ${ajv.errorsText(validate.errors)}`);
        expect(record.key).toBe(record.value.subject);
        expect(record.contentType).toBe('application/cloudevents+json; charset=UTF-8');
      }
      expect([...kinds].sort()).toEqual(['bodyChange', 'proposalEvent', 'unitChange']);
    });
  });
});

