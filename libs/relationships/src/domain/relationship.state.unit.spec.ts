import { eventMetadataFor } from '#libs/shared-kernel';
import { asParty, engagementStarted, given, invoicePaid, NOW, recordInvoicePaid, SUPPLIER } from '../../test/relationship.given';
import { decide, evolve } from './relationship.decider';
import { InvoiceAlreadyRecordedError } from './relationship.errors';
import type { RelationshipEvent } from './relationship.events';

const recorded = (event: RelationshipEvent, id: string) => ({
  id,
  event,
  metadata: eventMetadataFor({ now: NOW, actor: asParty(SUPPLIER), correlationId: 'c' }, { schemaVersion: 1 }),
});

describe('folding a relationship’s history', () => {
  it('leaves the state it folds from as it was: a command is decided against it as before', () => {
    const { state: before } = given(engagementStarted());
    const after = evolve(before, recorded(invoicePaid(), '00000000-0000-4000-8000-0000000000aa'));

    expect(decide(recordInvoicePaid({ amount: 999 }), before)).toEqual([invoicePaid({ amount: 999 })]);
    expect(() => decide(recordInvoicePaid({ amount: 999 }), after)).toThrow(InvoiceAlreadyRecordedError);
  });

  it('decides against a long history as against a short one', () => {
    const invoices = Array.from({ length: 5000 }, (_, i) => invoicePaid({ invoiceId: `inv${i}` }));
    const { state } = given(...invoices);

    expect(decide(recordInvoicePaid({ invoiceId: 'inv4999' }), state)).toEqual([]);
    expect(decide(recordInvoicePaid({ invoiceId: 'inv5000' }), state)).toEqual([invoicePaid({ invoiceId: 'inv5000' })]);
  });
});
