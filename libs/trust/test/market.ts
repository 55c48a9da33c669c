import { DAY_MS, History, YEAR_MS, prng } from './history';

export const AS_OF = '2026-01-05T00:00:00Z';
const AS_OF_MS = Date.parse(AS_OF);
const MONTH_MS = 30.44 * DAY_MS;
const INDUSTRIES = ['Software', 'Logistics', 'Construction'];
const REGIONS = ['Bretagne', 'Occitanie'];

export interface MarketShape {
  readonly seed: number;
  readonly suppliers: number;
  readonly clients: number;
  /** Members of a collusion ring of fresh accounts; 0 for none. */
  readonly ring: number;
  /** Engagements each ordered pair of ring members runs, each with a year of perfect evidence. */
  readonly ringEngagements?: number;
}

/**
 * An established market and, optionally, a collusion ring. Established suppliers `s<n>` and clients `c<n>`
 * have years of attested invoices and deliveries with several distinct counterparties, their quality varying
 * from party to party, and honest feedback (stars follow quality, with noise). `veteran` is one honest
 * long-standing supplier: ten years, good but not perfect; `newcomer` an honest supplier of one year with
 * three established clients. Ring members `ring<n>`, registered a year ago,
 * act as supplier and client to each other: every delivery on time, every invoice paid early and five stars
 * every time — all self-reported, as nothing attests business that never happened.
 */
export const market = (shape: MarketShape): History => {
  const random = prng(shape.seed);
  const history = new History();
  const quality = new Map<string, number>();
  const add = (id: string) => {
    history.register(id, INDUSTRIES[Math.floor(random() * INDUSTRIES.length)], REGIONS[Math.floor(random() * REGIONS.length)]);
    quality.set(id, 0.55 + 0.45 * random());
  };
  const suppliers = Array.from({ length: shape.suppliers }, (_, i) => `s${i}`);
  const clients = Array.from({ length: shape.clients }, (_, i) => `c${i}`);
  [...suppliers, ...clients].forEach(add);
  history.register('veteran');
  quality.set('veteran', 0.8);
  history.register('newcomer');
  quality.set('newcomer', 0.9);
  const stars = (q: number) => Math.max(1, Math.min(5, Math.round(1 + 4 * q + (random() - 0.5) * 1.5)));
  const work = (supplierId: string, clientId: string, years: number) => {
    const start = AS_OF_MS - years * YEAR_MS;
    const engagementId = history.engage(supplierId, clientId, start);
    for (let t = start + MONTH_MS; t < AS_OF_MS - MONTH_MS; t += MONTH_MS) {
      const clientLate = random() > (quality.get(clientId) ?? 0.5) ? Math.floor(random() * 45) : Math.floor(random() * 3) - 2;
      history.payInvoice(supplierId, clientId, t, clientLate, true);
      const supplierLate = random() > (quality.get(supplierId) ?? 0.5) ? Math.floor(random() * 20) : 0;
      history.deliver(supplierId, clientId, t + 10 * DAY_MS, supplierLate, true);
    }
    for (let t = start + YEAR_MS; t < AS_OF_MS; t += YEAR_MS) {
      history.feedback(supplierId, clientId, engagementId, clientId, stars(quality.get(supplierId) ?? 0.5), t);
    }
  };
  clients.forEach((clientId, c) => {
    for (let k = 0; k < 3; k++) work(suppliers[(c * 7 + k * 3) % suppliers.length], clientId, 2 + random() * 6);
  });
  for (let k = 0; k < 6; k++) work('veteran', clients[(k * 5) % clients.length], 10);
  for (let k = 0; k < 3; k++) work('newcomer', clients[(k * 11 + 1) % clients.length], 1);
  const ring = Array.from({ length: shape.ring }, (_, i) => `ring${i}`);
  ring.forEach((id) => history.register(id, INDUSTRIES[0], REGIONS[0]));
  for (const supplierId of ring) {
    for (const clientId of ring) {
      if (supplierId === clientId) continue;
      for (let e = 0; e < (shape.ringEngagements ?? 1); e++) {
        const start = AS_OF_MS - YEAR_MS + e * DAY_MS;
        const engagementId = history.engage(supplierId, clientId, start);
        for (let t = start + MONTH_MS; t < AS_OF_MS; t += MONTH_MS) {
          history.payInvoice(supplierId, clientId, t, -20, false);
          history.deliver(supplierId, clientId, t, 0, false);
        }
        history.feedback(supplierId, clientId, engagementId, clientId, 5, AS_OF_MS - 7 * DAY_MS);
        history.feedback(supplierId, clientId, engagementId, supplierId, 5, AS_OF_MS - 7 * DAY_MS);
      }
    }
  }
  return history;
};
