import type { ScoringPolicy } from './scoring-policy';

/**
 * D&B's PAYDEX for one payment, interpolated linearly between the policy's points (100 at 30 days
 * early, 80 on time, 70/60/50/40/30/20 at 15/22/30/60/90/120 days late) and flat beyond the ends.
 * Paying before the invoice was issued is upfront, which counts as early.
 */
export const paydexFor = (daysBeyondTerms: number, upfront: boolean, policy: ScoringPolicy): number => {
  if (upfront) return policy.paydex.upfront;
  const table = policy.paydex.table;
  if (daysBeyondTerms <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [d1, p1] = table[i];
    if (daysBeyondTerms <= d1) {
      const [d0, p0] = table[i - 1];
      return p0 + ((p1 - p0) * (daysBeyondTerms - d0)) / (d1 - d0);
    }
  }
  return table[table.length - 1][1];
};

/**
 * The share of a payment that counts as positive Beta evidence. Paying on time is a full success
 * (so one more on-time payment can never lower punctuality); early payment shows in the PAYDEX.
 */
export const punctualitySuccess = (paydex: number, policy: ScoringPolicy): number => {
  const { fullCreditFrom, noCreditAt } = policy.paydex;
  return Math.min(1, Math.max(0, (paydex - noCreditAt) / (fullCreditFrom - noCreditAt)));
};

/** Square-root dampening with a cap, so one huge invoice cannot decide punctuality on its own. */
export const invoiceWeight = (amount: number, currency: string, policy: ScoringPolicy): number => {
  const { referenceAmount, exponent, min, max } = policy.invoiceWeight;
  const reference = referenceAmount[currency] ?? referenceAmount.default;
  return Math.min(max, Math.max(min, Math.pow(amount / reference, exponent)));
};
