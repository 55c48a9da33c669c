import { EventMetadata } from './event-metadata';
import { eventMetadataFor } from './recorder';
import type { Actor } from './schema';

const at = (actor: Actor) => ({ now: '2026-03-01T12:00:00Z', actor, correlationId: 'corr-1' });

describe('the metadata of an event recorded by a command', () => {
  it('records a party’s own fact as self-reported', () => {
    expect(eventMetadataFor(at({ kind: 'party', partyId: 'acme' }), { schemaVersion: 1 })).toEqual({
      recordedBy: 'acme',
      source: 'party',
      attested: false,
      correlationId: 'corr-1',
      schemaVersion: 1,
    });
  });

  it('records a partner’s fact as attested, recorded by the party it acts for', () => {
    const actor: Actor = { kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'globex' };
    expect(eventMetadataFor(at(actor), { schemaVersion: 1 })).toMatchObject({
      recordedBy: 'globex',
      source: 'partner:ledgerly',
      attested: true,
    });
  });

  it('records a job’s fact as the system’s', () => {
    expect(eventMetadataFor(at({ kind: 'system' }), { schemaVersion: 2, causationId: 'evt-9' })).toMatchObject({
      recordedBy: 'system',
      source: 'system',
      attested: false,
      causationId: 'evt-9',
      schemaVersion: 2,
    });
  });

  it('builds metadata the metadata schema accepts', () => {
    const metadata = eventMetadataFor(at({ kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'globex' }), { schemaVersion: 1 });
    expect(EventMetadata.parse(metadata)).toEqual(metadata);
  });
});
