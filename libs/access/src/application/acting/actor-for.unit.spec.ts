import { EventTypeOutOfScopeError, OnBehalfOfRequiredError, PartyOutOfScopeError } from '../../access.errors';
import type { Principal } from '../../principal';
import { actorFor, idempotencyScopeOf } from './actor-for';

const party: Principal = { kind: 'party', credentialId: 'c1', partyId: 'acme' };
const partner: Principal = { kind: 'partner', credentialId: 'c2', partnerId: 'ledgerly', parties: ['acme', 'globex'], eventTypes: ['InvoicePaid'] };
const unrestricted: Principal = { ...partner, eventTypes: 'all' };
const admin: Principal = { kind: 'admin', credentialId: 'c3', name: 'ops' };

describe('the actor a principal records as', () => {
  it('is the party itself for a party, whether or not it names itself', () => {
    expect(actorFor(party, { eventType: 'InvoicePaid' })).toEqual({ kind: 'party', partyId: 'acme' });
    expect(actorFor(party, { eventType: 'InvoicePaid', onBehalfOf: 'acme' })).toEqual({ kind: 'party', partyId: 'acme' });
  });

  it('refuses a party acting for another', () => {
    expect(() => actorFor(party, { eventType: 'InvoicePaid', onBehalfOf: 'globex' })).toThrow(PartyOutOfScopeError);
  });

  it('is the partner acting for a granted party, recording a granted event type', () => {
    expect(actorFor(partner, { eventType: 'InvoicePaid', onBehalfOf: 'globex' })).toEqual({ kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'globex' });
    expect(actorFor(unrestricted, { eventType: 'DisputeRaised', onBehalfOf: 'acme' })).toMatchObject({ kind: 'partner' });
  });

  it('refuses a partner outside its grant, or not saying whom it acts for', () => {
    expect(() => actorFor(partner, { eventType: 'InvoicePaid', onBehalfOf: 'initech' })).toThrow(PartyOutOfScopeError);
    expect(() => actorFor(partner, { eventType: 'DisputeRaised', onBehalfOf: 'acme' })).toThrow(EventTypeOutOfScopeError);
    expect(() => actorFor(partner, { eventType: 'InvoicePaid' })).toThrow(OnBehalfOfRequiredError);
  });

  it('is the system for an admin, who never acts for a party', () => {
    expect(actorFor(admin, { eventType: 'FeedbackRevealed' })).toEqual({ kind: 'system' });
    expect(() => actorFor(admin, { eventType: 'InvoicePaid', onBehalfOf: 'acme' })).toThrow(PartyOutOfScopeError);
  });
});

describe('whose idempotency keys a principal uses', () => {
  it('scopes a partner’s keys to the partner, whichever party it acts for', () => {
    expect(idempotencyScopeOf(partner)).toBe('partner:ledgerly');
    expect(idempotencyScopeOf(party)).toBe('party:acme');
    expect(idempotencyScopeOf(admin)).toBe('system');
  });
});
