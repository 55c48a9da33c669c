// A partner integration pushing facts to Rapport over gRPC: one RecordEvents batch, then a StreamEvents stream.
// Copy this folder and ingestion.proto (proto/rapport/ingestion/v1/) into your project; see README.md.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = dirname(fileURLToPath(import.meta.url));
const PROTO_DIR = process.env.RAPPORT_PROTO_DIR ?? join(here, '..', '..', 'proto');
const ADDRESS = process.env.RAPPORT_INGESTION_ADDRESS ?? 'localhost:50051';
const API_KEY = process.env.RAPPORT_API_KEY;
const SUPPLIER = process.env.RAPPORT_SUPPLIER_ID ?? 'acme';
const CLIENT = process.env.RAPPORT_CLIENT_ID ?? 'globex';
const ON_BEHALF_OF = process.env.RAPPORT_ON_BEHALF_OF ?? SUPPLIER;
const STREAM_EVENTS = Number(process.env.STREAM_EVENTS ?? 1000);

if (!API_KEY) {
  console.error('Set RAPPORT_API_KEY to a partner key (rpt_…): see README.md');
  process.exit(2);
}

// keepCase: fields keep their proto names (external_id, invoice_paid …). Timestamps are google.protobuf.Timestamp.
const definition = protoLoader.loadSync('rapport/ingestion/v1/ingestion.proto', {
  includeDirs: [PROTO_DIR],
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { IngestionService } = grpc.loadPackageDefinition(definition).rapport.ingestion.v1;
const client = new IngestionService(ADDRESS, grpc.credentials.createInsecure()); // grpc.credentials.createSsl() against TLS

const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${API_KEY}`);

const timestamp = (iso) => {
  const ms = Date.parse(iso);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
};

// external_id is your own id for the fact: send it again after a timeout or a crash and Rapport answers the
// original result (`replayed: true`) instead of recording it twice. Derive it from your records, never randomly.
const relationship = { supplier_id: SUPPLIER, client_id: CLIENT, on_behalf_of: ON_BEHALF_OF };
const batch = [
  { external_id: 'crm-eng-2026-001', ...relationship, engagement_started: { engagement_id: 'eng-2026-001', payment_terms_days: 30, started_at: timestamp('2026-01-05T09:00:00Z') } },
  {
    external_id: 'inv-2026-0001-paid',
    ...relationship,
    invoice_paid: { engagement_id: 'eng-2026-001', invoice_id: 'INV-2026-0001', amount: 1250, currency: 'EUR', due_at: timestamp('2026-02-04T00:00:00Z'), paid_at: timestamp('2026-02-01T10:15:00Z') },
  },
  {
    external_id: 'inv-2026-0002-paid',
    ...relationship,
    invoice_paid: { engagement_id: 'eng-2026-001', invoice_id: 'INV-2026-0002', amount: 980.5, currency: 'EUR', due_at: timestamp('2026-03-04T00:00:00Z'), paid_at: timestamp('2026-03-20T16:00:00Z') },
  },
];

const describe = (result) =>
  result.outcome === 'accepted'
    ? `${result.accepted.replayed ? 'already recorded' : 'recorded'} as ${result.accepted.event_ids.join(', ') || '(nothing new)'} at revision ${result.accepted.revision}`
    : `rejected: ${result.rejected.code} ${result.rejected.message}${result.rejected.field_violations.map((v) => ` [${v.field}: ${v.description}]`).join('')}`;

const recordEvents = (events) =>
  new Promise((resolve, reject) =>
    client.RecordEvents({ events }, metadata, { deadline: Date.now() + 30_000 }, (error, response) => (error ? reject(error) : resolve(response))),
  );

const streamEvents = (events) =>
  new Promise((resolve, reject) => {
    const call = client.StreamEvents(metadata);
    let answered = 0;
    call.on('data', ({ sequence, result }) => {
      answered++;
      if (result.outcome !== 'accepted' || sequence % 200 === 0) console.log(`  #${sequence} ${result.external_id}: ${describe(result)}`);
    });
    call.on('error', (error) => reject(Object.assign(error, { answered })));
    call.on('end', () => resolve(answered));
    let next = 0;
    // Respect backpressure: when write() says the buffer is full, wait for 'drain'. The server reads only a
    // bounded window ahead of its acks, so a fast sender is slowed down rather than buffered without limit.
    const pump = () => {
      while (next < events.length) {
        if (!call.write({ event: events[next++] })) return void call.once('drain', pump);
      }
      call.end();
    };
    pump();
  });

try {
  console.log(`RecordEvents: ${batch.length} events to ${ADDRESS}`);
  for (const result of (await recordEvents(batch)).results) console.log(`  ${result.external_id}: ${describe(result)}`);

  console.log('RecordEvents again, same external ids (a retry):');
  for (const result of (await recordEvents(batch)).results) console.log(`  ${result.external_id}: ${describe(result)}`);

  const run = randomUUID().slice(0, 8);
  const invoices = Array.from({ length: STREAM_EVENTS }, (_, i) => ({
    external_id: `stream-${run}-${i}`,
    ...relationship,
    invoice_paid: { invoice_id: `INV-${run}-${i}`, amount: 100 + i, currency: 'EUR', due_at: timestamp('2026-04-30T00:00:00Z'), paid_at: timestamp('2026-04-28T12:00:00Z') },
  }));
  console.log(`StreamEvents: ${invoices.length} events, one ack each (every 200th shown)`);
  console.log(`  ${await streamEvents(invoices)} acks`);
} catch (error) {
  // UNAUTHENTICATED: unknown or revoked key · PERMISSION_DENIED: a party or kind of event outside the key's scope ·
  // INVALID_ARGUMENT: the message names the field · UNAVAILABLE: retry later with the same external ids.
  console.error(`${grpc.status[error.code] ?? error.code}: ${error.details ?? error.message}`);
  process.exitCode = 1;
} finally {
  client.close();
}
