import { Event, type Event as EventMessage } from '../generated/rapport/ingestion/v1/ingestion';
import { InvalidEventError, protoFieldPath, toIngestionItem } from './event-to-command';
import { EVENT_KINDS } from './event-kinds';

const ctx = { partnerId: 'books_co', now: '2026-06-01T00:00:00Z', correlationId: 'c' };
const at = '2026-02-01T00:00:00.000Z';
const base = { externalId: 'x1', supplierId: 'acme', clientId: 'globex', onBehalfOf: 'acme' };

/** One well-formed event of every kind the contract carries. */
const everyKind: NonNullable<EventMessage['kind']>[] = [
  { $case: 'engagementStarted', value: { engagementId: 'e', paymentTermsDays: 30, startedAt: at } },
  { $case: 'engagementEnded', value: { engagementId: 'e', endedBy: 'acme', reason: '', amicable: true, handoverArranged: false, endedAt: at } },
  { $case: 'invoicePaid', value: { invoiceId: 'i', amount: 10, currency: 'EUR', issuedAt: undefined, dueAt: at, paidAt: at } },
  { $case: 'referralGiven', value: { referralId: 'r', referrerId: 'globex', givenAt: undefined } },
  { $case: 'disputeRaised', value: { disputeId: 'd', raisedBy: 'acme', reason: 'late', raisedAt: at } },
  { $case: 'disputeResolved', value: { disputeId: 'd', outcome: 3, resolvedAt: at } },
  { $case: 'legalActionTaken', value: { legalActionId: 'l', takenBy: 'acme', kind: 2, grounds: 3, takenAt: at } },
  { $case: 'legalActionConcluded', value: { legalActionId: 'l', outcome: 1, concludedAt: at } },
  { $case: 'deliveryCompleted', value: { deliveryId: 'v', dueAt: at, deliveredAt: at } },
  { $case: 'priorityServiceGiven', value: { serviceId: 's', description: 'first in line', givenAt: at } },
  { $case: 'feedbackSubmitted', value: { engagementId: 'e', feedbackId: 'f', by: 'acme', about: 'globex', ratings: { quality: 5, communication: undefined, fairness: 4, responsiveness: undefined, wouldWorkAgain: undefined } } },
  { $case: 'factRetracted', value: { retractedEventId: '7ff14b9d-b1a0-5d4f-82ff-c6d386dd19df', reason: 'sent twice' } },
];

describe('a wire event as a relationship command', () => {
  it('covers every kind of the contract', () => {
    expect(everyKind.map((k) => k.$case).sort()).toEqual(Object.keys(EVENT_KINDS).sort());
  });

  it.each(everyKind.map((kind) => [kind.$case, kind] as const))('turns %s into its command', (_, kind) => {
    const item = toIngestionItem(Event.fromPartial({ ...base, kind }), ctx);

    expect(item).toMatchObject({ externalId: 'x1', streamId: 'relationship-acme-globex', eventType: EVENT_KINDS[kind.$case].eventType, onBehalfOf: 'acme' });
    expect(item.command).toMatchObject({ type: EVENT_KINDS[kind.$case].commandType, actor: { kind: 'partner', partnerId: 'books_co', onBehalfOf: 'acme' } });
    expect(Object.values(item.command.data)).not.toContain(undefined);
  });

  it('speaks the domain’s words for enums and rates only the dimensions given', () => {
    const resolved = toIngestionItem(Event.fromPartial({ ...base, kind: everyKind[5] }), ctx);
    const action = toIngestionItem(Event.fromPartial({ ...base, kind: everyKind[6] }), ctx);
    const feedback = toIngestionItem(Event.fromPartial({ ...base, kind: everyKind[10] }), ctx);

    expect(resolved.command.data).toMatchObject({ outcome: 'settled' });
    expect(action.command.data).toMatchObject({ kind: 'lawsuit', grounds: 'non_payment' });
    expect(feedback.command.data).toMatchObject({ ratings: { quality: 5, fairness: 4 } });
  });

  it('names every field at fault by its path in the Event message', () => {
    const event = Event.fromPartial({
      ...base,
      externalId: '',
      clientId: 'Globex',
      kind: { $case: 'disputeResolved', value: { disputeId: 'd', outcome: 0 } },
    });

    let error: unknown;
    try {
      toIngestionItem(event, ctx);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).violations.map((v) => v.field).sort()).toEqual(['client_id', 'dispute_resolved.outcome', 'external_id']);
  });

  it.each([
    ['data.paidAt', 'invoice_paid.paid_at'],
    ['data.supplierId', 'supplier_id'],
    ['actor.onBehalfOf', 'on_behalf_of'],
    ['data.ratings.wouldWorkAgain', 'invoice_paid.ratings.would_work_again'],
    ['data', 'invoice_paid'],
  ])('maps the domain path %s to %s', (domain, proto) => {
    expect(protoFieldPath(domain, 'invoice_paid')).toBe(proto);
  });
});
