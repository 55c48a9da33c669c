import type { Principal } from '#libs/access';
import { RecordPartyFact } from '#libs/parties';
import { RecordRelationshipFact, RecordRelationshipFacts, type RelationshipFactInput } from '#libs/relationships';
import { asPartner, asParty, type CommandApp } from '../../access/test/command-app';

export const AS_OF = '2026-01-05T00:00:00.000Z';
const AS_OF_MS = Date.parse(AS_OF);
const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;
const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString();
const INDUSTRIES = ['Software', 'Logistics', 'Construction'];
const REGIONS = ['Bretagne', 'Occitanie'];
const PARTNER = 'ledgerly';

/** Deterministic randomness (mulberry32). */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

export interface MarketShape {
  readonly seed: number;
  readonly suppliers: number;
  readonly clients: number;
  /** Members of a collusion ring of fresh accounts; 0 for none. */
  readonly ring: number;
  /** Months between two invoices (and deliveries) of an engagement. Default 2. */
  readonly everyMonths?: number;
}

export interface Market {
  readonly suppliers: string[];
  readonly clients: string[];
  readonly ring: string[];
}

/**
 * A market recorded through the command handlers, at the commands' own dates (the clock is set to each).
 * Established suppliers `s<n>` and clients `c<n>` work together for years; a partner integration (invoicing,
 * hence attested) records their engagements, invoices and deliveries, late as each party's quality says;
 * both sides then give honest feedback, which reveals both. `veteran` is one honest supplier of ten years,
 * good but not perfect; `newcomer` an honest supplier of one year with three established clients. Ring
 * members `ring<n>`, fresh a year ago, act as supplier and client of each other: everything on time or
 * early, five stars both ways, all self-reported, as nothing attests business that never happened.
 */
export const recordMarket = async ({ commandBus, clock }: CommandApp, shape: MarketShape): Promise<Market> => {
  const random = prng(shape.seed);
  const every = shape.everyMonths ?? 2;
  const quality = new Map<string, number>();
  const suppliers = Array.from({ length: shape.suppliers }, (_, i) => `s${i}`);
  const clients = Array.from({ length: shape.clients }, (_, i) => `c${i}`);
  const ring = Array.from({ length: shape.ring }, (_, i) => `ring${i}`);
  const established = [...suppliers, ...clients, 'veteran', 'newcomer'];
  const partner = asPartner(PARTNER, established);

  const register = async (partyId: string, at: number, industry: string, region: string) => {
    clock.set(iso(at));
    const data = { partyId, name: `Party ${partyId}`, roles: ['supplier' as const, 'client' as const], industry, region };
    await commandBus.execute(new RecordPartyFact(asParty(partyId), { command: { type: 'RegisterParty', data } }));
  };
  for (const id of [...suppliers, ...clients]) {
    await register(id, AS_OF_MS - 9 * YEAR_MS, INDUSTRIES[Math.floor(random() * INDUSTRIES.length)], REGIONS[Math.floor(random() * REGIONS.length)]);
    quality.set(id, 0.55 + 0.45 * random());
  }
  await register('veteran', AS_OF_MS - 11 * YEAR_MS, INDUSTRIES[0], REGIONS[0]);
  quality.set('veteran', 0.8);
  await register('newcomer', AS_OF_MS - 1.5 * YEAR_MS, INDUSTRIES[0], REGIONS[0]);
  quality.set('newcomer', 0.9);
  for (const id of ring) await register(id, AS_OF_MS - YEAR_MS - 30 * DAY_MS, INDUSTRIES[0], REGIONS[0]);

  const stars = (q: number) => Math.max(1, Math.min(5, Math.round(1 + 4 * q + (random() - 0.5) * 1.5)));
  const feedback = async (supplierId: string, clientId: string, by: string, rating: number, at: number) => {
    clock.set(iso(at));
    const about = by === supplierId ? clientId : supplierId;
    const data = { supplierId, clientId, engagementId: 'e1', feedbackId: `fb_${by}`, by, about, ratings: { quality: rating, communication: rating, fairness: rating } };
    await commandBus.execute(new RecordRelationshipFact(asParty(by), { command: { type: 'SubmitFeedback', data } }));
  };
  const facts = async (principal: Principal, supplierId: string, clientId: string, list: RelationshipFactInput[]) => {
    clock.set(AS_OF);
    const outcome = await commandBus.execute(new RecordRelationshipFacts(principal, { supplierId, clientId }, list));
    if (outcome.status === 'refused') throw outcome.refusals[0].error;
  };

  const worked = new Set<string>();
  const work = async (supplierId: string, clientId: string, years: number) => {
    if (worked.has(`${supplierId}:${clientId}`)) return;
    worked.add(`${supplierId}:${clientId}`);
    const ref = { supplierId, clientId, engagementId: 'e1' };
    const start = AS_OF_MS - years * YEAR_MS;
    const list: RelationshipFactInput[] = [{ command: { type: 'StartEngagement', data: { ...ref, paymentTermsDays: 30, startedAt: iso(start) } }, onBehalfOf: supplierId }];
    let n = 0;
    for (let t = start + MONTH_MS; t + 80 * DAY_MS < AS_OF_MS; t += every * MONTH_MS, n++) {
      const clientLate = random() > (quality.get(clientId) ?? 0.5) ? Math.floor(random() * 45) : Math.floor(random() * 3) - 2;
      const invoice = { ...ref, invoiceId: `i${n}`, amount: 5000, currency: 'EUR', issuedAt: iso(t), dueAt: iso(t + 30 * DAY_MS), paidAt: iso(t + (30 + clientLate) * DAY_MS) };
      list.push({ command: { type: 'RecordInvoicePaid', data: invoice }, onBehalfOf: supplierId });
      const supplierLate = random() > (quality.get(supplierId) ?? 0.5) ? Math.floor(random() * 20) : 0;
      const delivery = { ...ref, deliveryId: `d${n}`, dueAt: iso(t + 10 * DAY_MS), deliveredAt: iso(t + (10 + supplierLate) * DAY_MS) };
      list.push({ command: { type: 'RecordDelivery', data: delivery }, onBehalfOf: clientId });
    }
    await facts(partner, supplierId, clientId, list);
    await feedback(supplierId, clientId, clientId, stars(quality.get(supplierId) ?? 0.5), AS_OF_MS - 20 * DAY_MS);
    await feedback(supplierId, clientId, supplierId, stars(quality.get(clientId) ?? 0.5), AS_OF_MS - 19 * DAY_MS);
  };

  for (const [c, clientId] of clients.entries()) {
    for (let k = 0; k < 3; k++) await work(suppliers[(c * 7 + k * 3) % suppliers.length], clientId, 2 + random() * 6);
  }
  for (let k = 0; k < 6; k++) await work('veteran', clients[(k * 5) % clients.length], 10);
  for (let k = 0; k < 3; k++) await work('newcomer', clients[(k * 11 + 1) % clients.length], 1);

  for (const supplierId of ring) {
    for (const clientId of ring) {
      if (supplierId === clientId) continue;
      const ref = { supplierId, clientId, engagementId: 'e1' };
      const start = AS_OF_MS - YEAR_MS;
      const list: RelationshipFactInput[] = [{ command: { type: 'StartEngagement', data: { ...ref, paymentTermsDays: 30, startedAt: iso(start) } } }];
      let n = 0;
      for (let t = start + MONTH_MS; t < AS_OF_MS - MONTH_MS; t += every * MONTH_MS, n++) {
        list.push({ command: { type: 'RecordInvoicePaid', data: { ...ref, invoiceId: `i${n}`, amount: 5000, currency: 'EUR', issuedAt: iso(t), dueAt: iso(t + 30 * DAY_MS), paidAt: iso(t + 10 * DAY_MS) } } });
      }
      await facts(asParty(supplierId), supplierId, clientId, list);
      const deliveries: RelationshipFactInput[] = [];
      for (let t = start + MONTH_MS, d = 0; t < AS_OF_MS - MONTH_MS; t += every * MONTH_MS, d++) {
        deliveries.push({ command: { type: 'RecordDelivery', data: { ...ref, deliveryId: `d${d}`, dueAt: iso(t), deliveredAt: iso(t) } } });
      }
      await facts(asParty(clientId), supplierId, clientId, deliveries);
      await feedback(supplierId, clientId, clientId, 5, AS_OF_MS - 7 * DAY_MS);
      await feedback(supplierId, clientId, supplierId, 5, AS_OF_MS - 7 * DAY_MS + 60_000);
    }
  }
  return { suppliers, clients, ring };
};
