import type { Client } from '@urql/core';
import { CREDENTIALS_ON_THE_EVENT_STORE, startApi, type RunningApi } from './support/api-harness';
import { between, codeOf, daysAgo, errorsOf, eventsOf, recorded, statusOf, write } from './support/writes';

const SECRET = 'postgres://rapport:hunter2@db.internal:5432';
const pair = between('acme', 'globex');

/** Every error class a mutation can answer, each with its code, domain code and what the client needs to fix it. */
describe('GraphQL mutation errors', () => {
  let api: RunningApi;
  let acme: Client;
  let globex: Client;

  beforeAll(async () => {
    api = await startApi(CREDENTIALS_ON_THE_EVENT_STORE);
    acme = api.client(await api.issue({ kind: 'party', partyId: 'acme' }));
    globex = api.client(await api.issue({ kind: 'party', partyId: 'globex' }));
    await recorded(acme, 'startEngagement', { ...pair, engagementId: 'e1', paymentTermsDays: 30, startedAt: daysAgo(200) });
  });

  afterAll(() => api?.close());

  it('UNAUTHENTICATED (401) without a token, or with one that does not verify', async () => {
    const none = await write(api.client(null), 'startEngagement', { ...pair, engagementId: 'e2', paymentTermsDays: 30 });
    const forged = await write(api.client('rpt_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 'startEngagement', { ...pair, engagementId: 'e2', paymentTermsDays: 30 });

    expect([statusOf(none.error), statusOf(forged.error)]).toEqual([401, 401]);
    expect(codeOf(none.error)).toEqual({ code: 'UNAUTHENTICATED', domainCode: 'AUTH.CREDENTIAL_MISSING' });
    expect(codeOf(forged.error)).toEqual({ code: 'UNAUTHENTICATED', domainCode: 'AUTH.CREDENTIAL_INVALID' });
  });

  it('FORBIDDEN when the principal may not record the fact', async () => {
    const { error } = await write(globex, 'endEngagement', { ...pair, engagementId: 'e1', endedBy: 'acme', reason: 'x', amicable: true, handoverArranged: true });

    expect(errorsOf(error)).toEqual([{ message: expect.stringContaining('only its own'), path: ['endEngagement'], extensions: { code: 'FORBIDDEN', domainCode: 'RELATIONSHIP.RECORDER_NOT_ALLOWED' } }]);
  });

  describe('BAD_USER_INPUT, each wrong field by its argument path', () => {
    it('for fields the command refuses', async () => {
      const { error } = await write(acme, 'recordInvoicePaid', { ...pair, invoiceId: '', amount: -5, currency: 'euro', dueAt: daysAgo(10), paidAt: daysAgo(11) });

      expect(errorsOf(error)).toEqual([
        {
          message: expect.stringContaining('input.amount'),
          path: ['recordInvoicePaid'],
          extensions: {
            code: 'BAD_USER_INPUT',
            domainCode: 'RELATIONSHIP.INVALID_COMMAND',
            issues: [
              { path: 'input.invoiceId', message: expect.any(String) },
              { path: 'input.amount', message: expect.any(String) },
              { path: 'input.currency', message: 'an ISO-4217 currency code' },
            ],
          },
        },
      ]);
    });

    it.each([
      ['a party id that is not one', 'startEngagement', { ...between('Acme Inc', 'globex'), engagementId: 'e', paymentTermsDays: 30 }, {}, 'input.supplierId'],
      ['payment terms out of range', 'startEngagement', { ...pair, engagementId: 'e9', paymentTermsDays: 400 }, {}, 'input.paymentTermsDays'],
      ['a dimension rated twice', 'submitFeedback', { ...pair, engagementId: 'e1', feedbackId: 'f', by: 'acme', about: 'globex', ratings: [{ dimension: 'QUALITY', stars: 4 }, { dimension: 'QUALITY', stars: 5 }] }, {}, 'input.ratings'],
      ['stars out of range', 'submitFeedback', { ...pair, engagementId: 'e1', feedbackId: 'f', by: 'acme', about: 'globex', ratings: [{ dimension: 'QUALITY', stars: 6 }] }, {}, 'input.ratings.quality'],
      ['an empty idempotency key', 'startEngagement', { ...pair, engagementId: 'e3', paymentTermsDays: 30 }, { idempotencyKey: '' }, 'idempotencyKey'],
    ] as const)('for %s', async (_case, name, input, options, path) => {
      const { error } = await write(acme, name, input, options);

      expect(codeOf(error)).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path, message: expect.any(String) }] });
    });

    it('for a fact dated in the future', async () => {
      const { error } = await write(acme, 'raiseDispute', { ...pair, disputeId: 'later', raisedBy: 'acme', reason: 'x', raisedAt: new Date(Date.now() + 86_400_000).toISOString() });

      expect(codeOf(error)).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'RELATIONSHIP.FACT_IN_THE_FUTURE' });
    });

    it('for a value GraphQL itself cannot take (an unknown enum value, a malformed instant)', async () => {
      const outcome = await write(acme, 'resolveDispute', { ...pair, disputeId: 'd', outcome: 'WON' });
      const instant = await write(acme, 'raiseDispute', { ...pair, disputeId: 'd', raisedBy: 'acme', reason: 'x', raisedAt: 'yesterday' });

      expect(codeOf(outcome.error)?.code).toBe('BAD_USER_INPUT');
      expect(codeOf(instant.error)?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('NOT_FOUND for a thing the relationship does not hold', async () => {
    const dispute = await write(acme, 'resolveDispute', { ...pair, disputeId: 'never-raised', outcome: 'SETTLED' });
    const fact = await write(acme, 'retractFact', { ...pair, retractedEventId: '0b3f6f3e-9d1e-4a57-9a55-2f8e5c1d7a10', reason: 'x' });

    expect(errorsOf(dispute.error)).toEqual([{ message: expect.any(String), path: ['resolveDispute'], extensions: { code: 'NOT_FOUND', domainCode: 'RELATIONSHIP.DISPUTE_NOT_FOUND' } }]);
    expect(codeOf(fact.error)).toEqual({ code: 'NOT_FOUND', domainCode: 'RELATIONSHIP.FACT_NOT_FOUND' });
  });

  describe('CONFLICT', () => {
    it('for an idempotency key reused with another request, recording nothing', async () => {
      const invoice = { ...pair, invoiceId: 'inv-k', amount: 100, currency: 'EUR', dueAt: daysAgo(10), paidAt: daysAgo(11) };
      await recorded(acme, 'recordInvoicePaid', invoice, { idempotencyKey: 'k-1' });
      const before = await eventsOf(api.store, 'relationship-acme-globex');

      const { error } = await write(acme, 'recordInvoicePaid', { ...invoice, invoiceId: 'inv-other' }, { idempotencyKey: 'k-1' });

      expect(codeOf(error)).toEqual({ code: 'CONFLICT', domainCode: 'IDEMPOTENCY.KEY_REUSED' });
      expect(await eventsOf(api.store, 'relationship-acme-globex')).toHaveLength(before.length);
    });

    it('for a business id recorded before with other content', async () => {
      await recorded(acme, 'recordInvoicePaid', { ...pair, invoiceId: 'inv-c', amount: 100, currency: 'EUR', dueAt: daysAgo(10), paidAt: daysAgo(11) });

      const { error } = await write(acme, 'recordInvoicePaid', { ...pair, invoiceId: 'inv-c', amount: 150, currency: 'EUR', dueAt: daysAgo(10), paidAt: daysAgo(11) });

      expect(codeOf(error)).toEqual({ code: 'CONFLICT', domainCode: 'RELATIONSHIP.INVOICE_ALREADY_RECORDED' });
    });
  });

  it('FAILED_PRECONDITION when a domain rule forbids it now: no amicable ending while a dispute is open', async () => {
    await recorded(globex, 'raiseDispute', { ...pair, disputeId: 'open-one', raisedBy: 'globex', reason: 'Missed deadline' });

    const { error } = await write(acme, 'endEngagement', { ...pair, engagementId: 'e1', endedBy: 'acme', reason: 'Done', amicable: true, handoverArranged: true });

    expect(errorsOf(error)).toEqual([
      { message: expect.stringContaining('open-one'), path: ['endEngagement'], extensions: { code: 'FAILED_PRECONDITION', domainCode: 'RELATIONSHIP.AMICABLE_ENDING_WITH_OPEN_DISPUTE' } },
    ]);
  });

  it('INTERNAL_SERVER_ERROR without internals when the event store fails', async () => {
    const append = jest.spyOn(api.store, 'appendToStream').mockRejectedValueOnce(new Error(`ECONNREFUSED ${SECRET}`));
    try {
      const { recorded: answer, error } = await write(globex, 'recordDelivery', { ...pair, deliveryId: 'del-x', dueAt: daysAgo(3), deliveredAt: daysAgo(3) });
      const second = await write(globex, 'recordDelivery', { ...pair, deliveryId: 'del-x', dueAt: daysAgo(3), deliveredAt: daysAgo(3) });

      expect(answer).toBeNull();
      expect(errorsOf(error)).toEqual([{ message: 'Internal server error', path: ['recordDelivery'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(error)).not.toContain('hunter2');
      expect(second.recorded?.eventIds).toHaveLength(1);
    } finally {
      append.mockRestore();
    }
  });
});
