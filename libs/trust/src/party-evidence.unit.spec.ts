import { DEFAULT_SCORING_POLICY } from '#libs/scoring';
import { DEFAULT_TRUST_POLICY, establishment, evidenceEdges } from '#libs/trust';
import { DAY_MS, History, YEAR_MS } from '../test/history';

const AS_OF = '2026-01-05T00:00:00Z';
const AS_OF_MS = Date.parse(AS_OF);
const MONTH_MS = 30.44 * DAY_MS;

/** A supplier invoicing `clients` for `years`, monthly, attested or not. */
const supplierWith = (clients: number, years: number, attested: boolean) => {
  const history = new History();
  for (let c = 0; c < clients; c++) {
    const start = AS_OF_MS - years * YEAR_MS;
    history.engage('acme', `c${c}`, start);
    for (let t = start + MONTH_MS; t < AS_OF_MS - MONTH_MS; t += MONTH_MS) history.deliver('acme', `c${c}`, t, 0, attested);
  }
  const acme = history.evidence(AS_OF).find((p) => p.partyId === 'acme');
  if (acme === undefined) throw new Error('no evidence');
  return acme;
};

describe('establishment, the pre-trust a party earns from attested evidence', () => {
  it('is 0 without attested evidence, however long the self-reported record', () => {
    expect(establishment(supplierWith(5, 8, false), DEFAULT_TRUST_POLICY)).toBe(0);
  });

  it.each([
    ['attested counterparties', [1, 3], [5, 3]],
    ['years of attested business', [2, 1], [2, 6]],
  ] as const)('grows with more %s, up to 1', (_more, [fewClients, fewYears], [clients, years]) => {
    const less = establishment(supplierWith(fewClients, fewYears, true), DEFAULT_TRUST_POLICY);
    const more = establishment(supplierWith(clients, years, true), DEFAULT_TRUST_POLICY);
    expect(0 < less && less < more && more <= 1).toBe(true);
  });
});

describe('the evidence graph', () => {
  it('makes each counterparty a rater of the party, and the party’s own acts nobody’s rating', () => {
    const history = new History();
    history.engage('acme', 'globex', AS_OF_MS - YEAR_MS);
    history.deliver('acme', 'globex', AS_OF_MS - 100 * DAY_MS, 15, false);
    history.record('LegalActionTaken', 'acme', 'globex', { legalActionId: 'l1', takenBy: 'acme', kind: 'lawsuit', grounds: 'review', takenAt: new Date(AS_OF_MS - DAY_MS).toISOString() });
    const edges = [...evidenceEdges(history.evidence(AS_OF), DEFAULT_SCORING_POLICY, AS_OF_MS)];
    expect(edges.filter((e) => e.ratee === 'acme').map((e) => [e.rater, e.value])).toEqual(
      expect.arrayContaining([['globex', 0]]),
    );
    expect(edges.every((e) => e.rater !== e.ratee && e.weight !== undefined && e.weight > 0)).toBe(true);
    expect(edges.some((e) => e.ratee === 'acme' && e.value === -1)).toBe(false);
  });
});
