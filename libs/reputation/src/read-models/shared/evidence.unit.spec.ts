import { RecordedLog } from '../../../test/recorded-log';
import { decodeEvent, type DecodedRelationshipEvent } from './decode-event';
import { accumulatorOf, factOf, NO_EVIDENCE, settled, withEvent, type Evidence } from './evidence';

const payments = (count: number) => {
  const rel = new RecordedLog().between('acme', 'globex');
  return Array.from({ length: count }, (_, i) => (decodeEvent(rel.payInvoice(`2024-0${i + 1}-01`)) as DecodedRelationshipEvent).stored);
};
const idsIn = (evidence: Evidence) => accumulatorOf('globex', 'client', evidence).facts.map((fact) => fact.id);

describe('evidence kept by a document', () => {
  it('keeps for each version exactly the facts it was evolved with, though versions share one array', () => {
    const [first, second, third] = payments(3);
    const one = withEvent(NO_EVIDENCE, 'globex', 'client', first);
    const two = withEvent(one, 'globex', 'client', second);
    const otherTwo = withEvent(one, 'globex', 'client', third);

    expect(two.facts).toBe(one.facts);
    expect(idsIn(one)).toEqual([first.id]);
    expect(idsIn(two)).toEqual([first.id, second.id]);
    expect(idsIn(otherTwo)).toEqual([first.id, third.id]);
    expect(idsIn(withEvent(two, 'globex', 'client', third))).toEqual([first.id, second.id, third.id]);
    expect(factOf(two, third.id)).toBeUndefined();
    expect(NO_EVIDENCE.facts).toEqual([]);
  });

  it('is written with its own facts only', () => {
    const [first, second] = payments(2);
    const one = withEvent(NO_EVIDENCE, 'globex', 'client', first);
    withEvent(one, 'globex', 'client', second);

    expect(JSON.parse(JSON.stringify(settled(one)))).toEqual({ n: 1, facts: [expect.objectContaining({ id: first.id })] });
  });

  it('is the same object when the event tells nothing about the party in this role, and finds a fact by its event', () => {
    const [payment] = payments(1);
    const evidence = withEvent(NO_EVIDENCE, 'globex', 'client', payment);

    expect(withEvent(NO_EVIDENCE, 'acme', 'supplier', payment)).toBe(NO_EVIDENCE);
    expect(factOf(evidence, payment.id)).toMatchObject({ k: 'payment', id: payment.id });
  });
});
