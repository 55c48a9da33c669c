import { MalformedEventError, UnsupportedSchemaVersionError } from '#libs/shared-kernel';
import { partyProfileUpdated, partyRegistered } from '../../test/party.given';
import { partyEventSchemas } from './party.events';
import { parsePartyStreamId, partyStreamId } from './party.stream-id';
import { partyEventSchemaVersion, upcastPartyEvent } from './party.upcasters';

describe('the party event catalogue', () => {
  it('rejects a registration without roles', () => {
    expect(partyEventSchemas.PartyRegistered.safeParse({ ...partyRegistered().data, roles: [] }).success).toBe(false);
  });

  it('rejects a profile update that changes no field', () => {
    expect(partyEventSchemas.PartyProfileUpdated.safeParse({ partyId: 'globex', updatedAt: '2026-03-01T12:00:00Z' }).success).toBe(false);
  });

  it('reads a stored v1 event as it is', () => {
    const event = partyProfileUpdated({ name: 'Globex SA' });
    expect(upcastPartyEvent(event.type, partyEventSchemaVersion(event.type), event.data)).toEqual(event);
  });

  it('refuses a stored event that does not match its schema', () => {
    expect(() => upcastPartyEvent('PartyRegistered', 1, { ...partyRegistered().data, name: '' })).toThrow(MalformedEventError);
  });

  it('refuses a version newer than the code knows', () => {
    expect(() => upcastPartyEvent('PartyRegistered', 2, partyRegistered().data)).toThrow(UnsupportedSchemaVersionError);
  });
});

describe('party stream ids', () => {
  it('names the stream after the party and parses it back', () => {
    expect(partyStreamId('globex')).toBe('party-globex');
    expect(parsePartyStreamId('party-globex')).toBe('globex');
  });

  it.each(['relationship-acme-globex', 'party-', 'party-Globex'])('does not parse %s', (streamId) => {
    expect(parsePartyStreamId(streamId)).toBeUndefined();
  });
});
