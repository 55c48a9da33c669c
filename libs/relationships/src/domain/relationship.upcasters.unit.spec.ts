import {
  createEventUpcaster,
  MalformedEventError,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
} from '#libs/shared-kernel';
import { engagementStarted, invoicePaid } from '../../test/relationship.given';
import { EngagementStarted, relationshipEventSchemas } from './relationship.events';
import { relationshipEventSchemaVersion, relationshipEventVersions, upcastRelationshipEvent } from './relationship.upcasters';

describe('reading stored relationship events', () => {
  it('gives every event type a current schema version', () => {
    expect(Object.keys(relationshipEventVersions).sort()).toEqual(Object.keys(relationshipEventSchemas).sort());
  });

  it('writes new events at version 1', () => {
    expect(relationshipEventSchemaVersion('InvoicePaid')).toBe(1);
  });

  it('reads a current event as it is, validated', () => {
    expect(upcastRelationshipEvent('InvoicePaid', 1, invoicePaid().data)).toEqual(invoicePaid());
  });

  it('drops fields the current schema does not know', () => {
    expect(upcastRelationshipEvent('InvoicePaid', 1, { ...invoicePaid().data, legacy: true })).toEqual(invoicePaid());
  });

  it('refuses a stored event that does not match its schema', () => {
    expect(() => upcastRelationshipEvent('InvoicePaid', 1, { ...invoicePaid().data, amount: 0 })).toThrow(MalformedEventError);
  });

  it('refuses an event type it does not know', () => {
    expect(() => upcastRelationshipEvent('InvoiceEdited', 1, {})).toThrow(UnknownEventTypeError);
  });

  it('refuses a version newer than the code knows, e.g. written during a rolling deploy', () => {
    expect(() => upcastRelationshipEvent('InvoicePaid', 2, invoicePaid().data)).toThrow(UnsupportedSchemaVersionError);
  });

  it('codes its errors in the relationship namespace', () => {
    expect(() => upcastRelationshipEvent('InvoiceEdited', 1, {})).toThrow(
      expect.objectContaining({ code: 'RELATIONSHIP.UNKNOWN_EVENT_TYPE', kind: 'validation' }),
    );
  });

  describe('when a payload changes shape (a hypothetical history of EngagementStarted)', () => {
    // v0 stated terms as text ("net 30") and the start as a date; v1, today's shape, has days and an instant.
    const v0 = { supplierId: 'acme', clientId: 'globex', engagementId: 'e1', terms: 'net 30', startedOn: '2025-01-01' };
    const v0ToV1 = (data: unknown) => {
      const { terms, startedOn, ...rest } = data as typeof v0;
      return { ...rest, paymentTermsDays: Number(terms.replace(/\D/g, '')), startedAt: `${startedOn}T00:00:00Z` };
    };
    const upcaster = createEventUpcaster(
      'RELATIONSHIP',
      { EngagementStarted },
      { EngagementStarted: { current: 1, upcasters: { 0: v0ToV1 } } },
    );

    it('upcasts a v0 payload to the current shape', () => {
      expect(upcaster.upcast('EngagementStarted', 0, v0)).toEqual(engagementStarted());
    });

    it('validates the upcast payload with the current schema', () => {
      expect(() => upcaster.upcast('EngagementStarted', 0, { ...v0, terms: 'net 999' })).toThrow(MalformedEventError);
    });

    it('refuses a version with no path to the current one', () => {
      expect(() => upcaster.upcast('EngagementStarted', -1, v0)).toThrow(UnsupportedSchemaVersionError);
    });
  });
});
