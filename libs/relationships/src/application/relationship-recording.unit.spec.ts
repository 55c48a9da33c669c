import { CommandValidationError } from '#libs/shared-kernel';
import { relationshipCatalogue } from './relationship-recording';

const context = { now: '2026-03-01T12:00:00Z', actor: { kind: 'party', partyId: 'acme' }, correlationId: 'c1' };
const invoice = { supplierId: 'acme', clientId: 'globex', invoiceId: 'i1', amount: 1200, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' };
const refusalOf = (input: unknown): unknown => {
  try {
    relationshipCatalogue.parse(input);
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('the relationship catalogue parsing commands', () => {
  it('takes back a payload it parsed as checked, in the context it comes with now', () => {
    const first = relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context });
    const again = relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: first.data, ...context, now: '2026-03-02T08:00:00Z', correlationId: 'c2' });

    expect(again.data).toBe(first.data);
    expect(again).toMatchObject({ now: '2026-03-02T08:00:00Z', correlationId: 'c2', actor: context.actor });
  });

  it('freezes what it parsed, so that what was checked is what gets recorded', () => {
    const { data } = relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context });
    expect(Object.isFrozen(data)).toBe(true);
  });

  it('still checks the context of a payload it parsed', () => {
    const { data } = relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context });
    expect(refusalOf({ type: 'RecordInvoicePaid', data, ...context, correlationId: '' })).toMatchObject({ issues: [{ path: 'correlationId' }] });
  });

  it('parses a payload again when it comes as another kind of command', () => {
    const { data } = relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context });
    expect(refusalOf({ type: 'RecordDelivery', data, ...context })).toBeInstanceOf(CommandValidationError);
  });

  it('parses a look-alike of a payload it parsed', () => {
    relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context });
    expect(refusalOf({ type: 'RecordInvoicePaid', data: { ...invoice, amount: -1 }, ...context })).toMatchObject({ issues: [{ path: 'data.amount' }] });
  });

  describe('with a frozen actor, as the facts of one request share it', () => {
    const actor = Object.freeze({ kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'acme' });
    const parsed = () => relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data: { ...invoice }, ...context, actor }).data;

    it('checks the context once for the facts that share it', () => {
      const [first, second] = [parsed(), parsed()];
      const again = [first, second].map((data) => relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data, ...context, actor }));

      expect(again[0]).toMatchObject({ actor: { kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'acme' }, now: context.now, correlationId: 'c1' });
      expect(again[1].actor).toBe(again[0].actor);
    });

    it('checks it again when the clock or the correlation id differ', () => {
      const data = parsed();
      relationshipCatalogue.parse({ type: 'RecordInvoicePaid', data, ...context, actor });

      expect(refusalOf({ type: 'RecordInvoicePaid', data, ...context, actor, now: 'yesterday' })).toMatchObject({ issues: [{ path: 'now' }] });
      expect(refusalOf({ type: 'RecordInvoicePaid', data, ...context, actor, correlationId: '' })).toMatchObject({ issues: [{ path: 'correlationId' }] });
    });

    it('refuses a malformed actor every time', () => {
      const data = parsed();
      const bad = Object.freeze({ kind: 'partner', partnerId: '', onBehalfOf: 'acme' });

      expect(refusalOf({ type: 'RecordInvoicePaid', data, ...context, actor: bad })).toBeInstanceOf(CommandValidationError);
      expect(refusalOf({ type: 'RecordInvoicePaid', data, ...context, actor: bad })).toBeInstanceOf(CommandValidationError);
    });
  });
});
