import { DEFAULT_SCORING_POLICY as policy, type PartyRatings, ScreeningCriteria, rateParty, screen } from '#libs/scoring';
import { EventLog, plusDays } from './testing/event-log';

const AS_OF = '2025-01-01T00:00:00Z';

/** A good client of two years (one dispute against it still open) that sued a supplier for non-payment eight months ago and won. */
const goodClient = (): PartyRatings => {
  const log = new EventLog();
  const rel = log.between('acme', 'globex');
  rel.startEngagement('2023-01-02');
  for (let i = 0; i < 22; i++) rel.payInvoice(plusDays('2023-01-15', i * 30));
  rel.raiseDispute('acme', '2024-11-02');
  const other = log.between('initech', 'globex');
  other.concludeLegalAction(other.takeLegalAction('globex', '2024-05-01', 'non_delivery', 'lawsuit'), 'won', '2024-08-01');
  return rateParty('globex', log.events, policy, AS_OF);
};

describe('screening a prospective partner', () => {
  it('returns every reason, passed and failed, in a fixed order', () => {
    const result = screen(
      goodClient(),
      { role: 'client', minGrade: 'B', minScore: 60, minComponent: { punctuality: 0.9 }, maxOpenDisputes: 0, minConfidence: 0.3, noLegalActionWithinMonths: 12, noRetaliationFlag: true },
      AS_OF,
    );
    expect(result.passed).toBe(false);
    expect(result.reasons.map((r) => [r.criterion, r.passed])).toEqual([
      ['minGrade', true],
      ['minScore', true],
      ['minComponent.punctuality', true],
      ['maxOpenDisputes', false],
      ['minConfidence', true],
      ['noLegalActionWithinMonths', false],
      ['noRetaliationFlag', true],
    ]);
    expect(result.reasons[3]).toEqual({ criterion: 'maxOpenDisputes', passed: false, actual: 1, required: 0, text: '1 open dispute as a client; at most 0 allowed' });
    expect(result.reasons[5].text).toBe('Legal action in the last 12 months: took a lawsuit on 2024-05-01 (non delivery)');
    expect(result.reasons[2].text).toMatch(/^Punctuality \d+% \(PAYDEX 80\) meets the minimum of 90%: paid 22 invoices on time$/);
  });

  it('passes when every criterion is met', () => {
    const result = screen(goodClient(), { role: 'client', minGrade: 'C', noLegalActionWithinMonths: 6 }, AS_OF);
    expect(result).toEqual(expect.objectContaining({ passed: true, partyId: 'globex', role: 'client', asOf: AS_OF }));
    expect(result.reasons.map((r) => r.text)).toEqual([expect.stringMatching(/^Grade [ABC] as a client meets the minimum of C$/), 'No legal action in the last 6 months']);
  });

  it('fails every rating criterion for a party with no record in the screened role', () => {
    const result = screen(goodClient(), { role: 'supplier', minGrade: 'D', minComponent: { reliability: 0.1 }, noRetaliationFlag: true }, AS_OF);
    expect(result.reasons.map((r) => [r.criterion, r.passed, r.actual])).toEqual([
      ['minGrade', false, null],
      ['minComponent.reliability', false, null],
      ['noRetaliationFlag', true, false],
    ]);
    expect(result.reasons[0].text).toBe('No record as a supplier to check minGrade against');
  });

  it('rejects a party flagged for retaliation, saying since when', () => {
    const log = new EventLog();
    const rel = log.between('acme', 'globex');
    rel.payInvoice('2024-01-10');
    rel.takeLegalAction('globex', '2024-03-04', 'feedback', 'formal_notice');
    const result = screen(rateParty('globex', log.events, policy, AS_OF), { role: 'client', noRetaliationFlag: true }, AS_OF);
    expect(result.reasons).toEqual([
      {
        criterion: 'noRetaliationFlag',
        passed: false,
        actual: true,
        required: false,
        text: 'Flagged for retaliation since 2024-03-04: took legal action against a supplier over a review or feedback',
      },
    ]);
  });

  it('validates criteria from outside with its schema', () => {
    expect(ScreeningCriteria.safeParse({ role: 'client', minGrade: 'E' }).success).toBe(false);
    expect(ScreeningCriteria.safeParse({ role: 'client', minComponent: { punctuality: 1.5 } }).success).toBe(false);
    expect(ScreeningCriteria.parse({ role: 'supplier', maxOpenDisputes: 0 })).toEqual({ role: 'supplier', maxOpenDisputes: 0 });
  });
});
