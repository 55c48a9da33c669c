import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CredentialService } from '#libs/access';
import { createEventStore, eventStoreConfigFromEnv, type EventStore } from '#libs/event-store';
import { Event } from '../src/generated/rapport/ingestion/v1/ingestion';
import { readEventRecords } from '../src/import/event-records';
import { importEvents } from '../src/import/import-events';
import { runImport } from '../src/import/run-import';
import { EventIngestion } from '../src/ingestion/event-ingestion';
import { ingestionModuleOn } from '../src/ingestion-app.module';
import { bearer, CLIENT, invoicePaid, recordEvents, startHarness, SUPPLIER, type Harness } from './ingestion-e2e-support';

const ndjson = (events: Event[]) => `${events.map((e) => JSON.stringify(Event.toJSON(e))).join('\n')}\n`;

/** What a partner's export looks like: proto3 JSON, timestamps as written by people (no milliseconds). */
const history = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => invoicePaid(`${prefix}${i}`, `${prefix}-inv-${i}`, { clientId: `client_${i % 7}` }));

const countRelationshipEvents = async (store: EventStore) => {
  let count = 0;
  for await (const _event of store.readAll({ filter: { streamNamePrefixes: ['relationship-'] } })) count++;
  return count;
};

describe('rapport import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imported twice into the embedded store, records every event once', async () => {
    const env = { EVENT_STORE: 'pglite', PGLITE_DATA_DIR: join(dir, 'data') };
    const out: string[] = [];
    const io = { env, out: (text: string) => void out.push(text), err: (text: string) => void out.push(text) };
    const issue = async () => {
      const store = await createEventStore(eventStoreConfigFromEnv(env));
      const app = await NestFactory.createApplicationContext(ingestionModuleOn(store), { logger: false });
      const { secret } = await app.get(CredentialService, { strict: false }).issue({ kind: 'partner', partnerId: 'books_co', parties: [SUPPLIER], eventTypes: 'all' });
      await app.close();
      await store.close();
      return secret;
    };
    const secret = await issue();
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, ndjson(history('cli', 40)));

    const first = await runImport([file, '--key', secret, '--batch-size', '15'], io);
    const second = await runImport([file], { ...io, env: { ...env, RAPPORT_API_KEY: secret } });

    expect([first, second]).toEqual([0, 0]);
    expect(out).toEqual(['40 read: 40 recorded, 0 already recorded, 0 rejected\n', '40 read: 0 recorded, 40 already recorded, 0 rejected\n']);
    const store = await createEventStore(eventStoreConfigFromEnv(env));
    expect(await countRelationshipEvents(store)).toBe(40);
    await store.close();
  });

  it('refuses bad usage and an unknown key with exit code 2, recording nothing', async () => {
    const file = join(dir, 'refused.ndjson');
    writeFileSync(file, ndjson(history('ref', 2)));
    const err: string[] = [];
    const io = { env: { EVENT_STORE: 'memory' }, out: () => undefined, err: (text: string) => void err.push(text) };

    const codes = [
      await runImport([], io),
      await runImport([join(dir, 'history.txt'), '--key', 'k'], io),
      await runImport([file], io),
      await runImport([file, '--key', `rpt_${'0'.repeat(24)}_${'A'.repeat(43)}`], io),
    ];

    expect(codes).toEqual([2, 2, 2, 2]);
    expect(err.join('')).toContain('INGESTION.UNAUTHENTICATED');
  });

  describe('through the ingestion path', () => {
    let h: Harness;
    let secret: string;
    const importFile = async (file: string, format: 'ndjson' | 'csv', signal?: AbortController) => {
      const ingestion = h.app.get(EventIngestion, { strict: false });
      const principal = { kind: 'partner' as const, credentialId: 'c', partnerId: 'books_co', parties: [SUPPLIER], eventTypes: 'all' as const };
      const rejected: { line: number; code: string }[] = [];
      const summary = await importEvents(
        readEventRecords(file, format).records,
        (events) => ingestion.recordEach(principal, events, { partnerId: 'books_co', now: new Date().toISOString(), correlationId: 'import' }),
        { batchSize: 10, signal: signal?.signal, onProgress: () => signal?.abort(), onRejected: (r) => rejected.push(r) },
      );
      return { summary, rejected };
    };

    beforeAll(async () => {
      h = await startHarness();
      secret = (await h.issueKey({ parties: [SUPPLIER] })).secret;
    });
    afterAll(() => h.close());

    it('interrupted and run again, records every event exactly once', async () => {
      const file = join(dir, 'interrupted.ndjson');
      writeFileSync(file, ndjson(history('int', 35)));

      const interrupted = await importFile(file, 'ndjson', new AbortController());
      const again = await importFile(file, 'ndjson');

      expect(interrupted.summary).toMatchObject({ interrupted: true, recorded: 10 });
      expect(again.summary).toMatchObject({ interrupted: false, read: 35, recorded: 25, replayed: 10, rejected: 0 });
      expect(await countRelationshipEvents(h.store)).toBe(35);
    });

    it('finds the events a partner already sent over gRPC: same external ids, same facts, nothing new', async () => {
      const events = history('grpc', 5);
      await recordEvents(h.client, { events }, bearer(secret));
      const before = await countRelationshipEvents(h.store);
      const file = join(dir, 'sent-before.ndjson');
      writeFileSync(file, ndjson(events).replaceAll('.000Z', 'Z'));

      const { summary } = await importFile(file, 'ndjson');

      expect(summary).toMatchObject({ replayed: 5, recorded: 0, rejected: 0 });
      expect(await countRelationshipEvents(h.store)).toBe(before);
    });

    it('reads CSV, quoted fields included, and reports unusable rows by line', async () => {
      const file = join(dir, 'history.csv');
      writeFileSync(
        file,
        [
          'external_id,supplier_id,client_id,on_behalf_of,kind,engagement_id,payment_terms_days,started_at,reason,amicable,handover_arranged,ended_by,ended_at',
          `csv1,${SUPPLIER},${CLIENT},${SUPPLIER},engagement_started,eng-csv,30,2026-01-05T09:00:00Z,,,,,`,
          `csv2,${SUPPLIER},${CLIENT},${SUPPLIER},engagement_ended,eng-csv,,,"Scope changed, ""no fault""",true,true,${SUPPLIER},2026-02-01T09:00:00Z`,
          `csv3,${SUPPLIER},${CLIENT},${SUPPLIER},engagement_started,eng-csv3,30,not-a-date,,,,,`,
          'csv4,too,few,cells',
        ].join('\n'),
      );

      const { summary, rejected } = await importFile(file, 'csv');

      expect(summary).toMatchObject({ read: 4, recorded: 2, rejected: 2 });
      expect(rejected.map((r) => r.line)).toEqual([4, 5]);
      const ended = (await h.relationshipEvents()).find((e) => e.type === 'EngagementEnded');
      expect(ended?.data).toMatchObject({ reason: 'Scope changed, "no fault"', amicable: true, handoverArranged: true });
    });
  });
});
