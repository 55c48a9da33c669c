import type { Principal } from '#libs/access';
import type { PartyFactInput } from '#libs/parties';
import type { RelationshipFactInput } from '#libs/relationships';

/** One command of the demo, as the party (or partner) it comes from sends it, at the instant it happened. */
export type DemoStep =
  | { readonly at: string; readonly as: Principal; readonly stream: 'party'; readonly fact: PartyFactInput }
  | { readonly at: string; readonly as: Principal; readonly stream: 'relationship'; readonly fact: RelationshipFactInput };

/** The demo's cast. Its supplier's token is the one printed at start. */
export const DEMO = {
  supplier: 'lumen',
  idealClient: 'harbor_foods',
  drainingClient: 'grindstone',
  litigiousSupplier: 'sharkline',
  suedClient: 'petit_bistro',
  amicableClient: 'oakridge',
  partner: 'ledgerly',
} as const;

const asParty = (partyId: string): Principal => ({ kind: 'party', credentialId: 'demo-seed', partyId });
/** The supplier's invoicing system: what it records is attested. */
const ledgerly: Principal = { kind: 'partner', credentialId: 'demo-seed', partnerId: DEMO.partner, parties: [DEMO.supplier], eventTypes: ['InvoicePaid'] };

/**
 * The situations Rapport exists for, told through the command handlers over ten years up to yesterday:
 *
 * - harbor_foods, Lumen Studio's client for ten years: pays twelve days early, refers others (oakridge
 *   among them), thanked with priority service when its shop went down on Black Friday;
 * - grindstone, a client for two years that pays one to two months late and raises disputes it then
 *   withdraws, until Lumen ends the engagement (with a hand-over: not a walk-out);
 * - sharkline, a hosting supplier that sued its client petit_bistro over an honest review;
 * - oakridge, an amicable parting: it brought design in-house after three good years, hand-over arranged.
 */
export const demoStory = (today: Date): DemoStep[] => {
  const steps: DemoStep[] = [];
  const dayMs = 86_400_000;
  const noon = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12);
  const ago = (days: number): string => new Date(noon - Math.round(days) * dayMs).toISOString();
  let key = 0;
  const relationship = (at: string, as: Principal, command: RelationshipFactInput['command'], onBehalfOf?: string) =>
    steps.push({ at, as, stream: 'relationship', fact: { command, idempotencyKey: `demo-${++key}`, ...(onBehalfOf && { onBehalfOf }) } });
  const register = (daysAgo: number, partyId: string, name: string, roles: ('supplier' | 'client')[], industry: string, region: string) =>
    steps.push({ at: ago(daysAgo), as: asParty(partyId), stream: 'party', fact: { command: { type: 'RegisterParty', data: { partyId, name, roles, industry, region } }, idempotencyKey: `demo-${++key}` } });

  const { supplier: lumen, idealClient: harbor, drainingClient: grindstone, litigiousSupplier: sharkline, suedClient: bistro, amicableClient: oakridge } = DEMO;
  register(3700, lumen, 'Lumen Studio', ['supplier'], 'Software', 'Île-de-France');
  register(3660, harbor, 'Harbor Foods', ['client'], 'Retail', 'Île-de-France');
  register(1210, oakridge, 'Oakridge Architects', ['client'], 'Architecture', 'Auvergne-Rhône-Alpes');
  register(760, grindstone, 'Grindstone Logistics', ['client'], 'Logistics', 'Hauts-de-France');
  register(500, sharkline, 'Sharkline Hosting', ['supplier'], 'Hosting', 'Bretagne');
  register(480, bistro, 'Le Petit Bistro', ['client'], 'Hospitality', 'Bretagne');

  /** Monthly invoices from `startAgo` while they are paid by yesterday: `paidLate(i)` days after the due date (negative: early). */
  const invoices = (s: string, c: string, engagementId: string, startAgo: number, count: number, terms: number, paidLate: (i: number) => number, as: Principal, onBehalfOf?: string) => {
    for (let i = 0; i < count; i++) {
      const issuedAgo = startAgo - i * 30.44;
      const paidAgo = issuedAgo - terms - paidLate(i);
      if (paidAgo < 1) break;
      const amount = 3000 + ((i * 37) % 11) * 150;
      const data = { supplierId: s, clientId: c, engagementId, invoiceId: `${engagementId}-inv-${i + 1}`, amount, currency: 'EUR', issuedAt: ago(issuedAgo), dueAt: ago(issuedAgo - terms), paidAt: ago(paidAgo) };
      relationship(ago(paidAgo), as, { type: 'RecordInvoicePaid', data }, onBehalfOf);
    }
  };
  const deliveries = (s: string, c: string, engagementId: string, startAgo: number, count: number, everyDays: number) => {
    for (let i = 0; i < count; i++) {
      const dueAgo = startAgo - i * everyDays;
      if (dueAgo < 3) break;
      relationship(ago(dueAgo + 2), asParty(c), { type: 'RecordDelivery', data: { supplierId: s, clientId: c, engagementId, deliveryId: `${engagementId}-del-${i + 1}`, dueAt: ago(dueAgo), deliveredAt: ago(dueAgo + 2) } });
    }
  };
  const feedback = (daysAgo: number, s: string, c: string, engagementId: string, by: string, stars: number, comment: string) => {
    const about = by === s ? c : s;
    const ratings = { communication: stars, quality: stars, fairness: stars, would_work_again: stars };
    relationship(ago(daysAgo), asParty(by), { type: 'SubmitFeedback', data: { supplierId: s, clientId: c, engagementId, feedbackId: `${engagementId}-fb-${by}`, by, about, ratings, comment } });
  };

  // The ten-year ideal client.
  const harborEngagement = { supplierId: lumen, clientId: harbor, engagementId: 'harbor-web' };
  relationship(ago(3650), asParty(lumen), { type: 'StartEngagement', data: { ...harborEngagement, paymentTermsDays: 30, startedAt: ago(3650) } });
  invoices(lumen, harbor, 'harbor-web', 3640, 120, 30, () => -12, ledgerly, lumen);
  deliveries(lumen, harbor, 'harbor-web', 3600, 40, 91);
  ([[2900, undefined], [2100, 'blue_fern'], [1200, oakridge], [600, 'copper_kettle']] as const).forEach(([daysAgo, referred], i) =>
    relationship(ago(daysAgo), asParty(lumen), { type: 'RecordReferral', data: { supplierId: lumen, clientId: harbor, referralId: `harbor-ref-${i + 1}`, referrerId: harbor, ...(referred && { referredPartyId: referred }), givenAt: ago(daysAgo) } }),
  );
  relationship(ago(880), asParty(harbor), { type: 'RecordPriorityService', data: { supplierId: lumen, clientId: harbor, serviceId: 'black-friday', description: 'Online shop down on Black Friday: Lumen’s team had it back within the hour, at night', givenAt: ago(880) } });
  feedback(300, lumen, harbor, 'harbor-web', harbor, 5, 'Ten years of calm, excellent work');
  feedback(298, lumen, harbor, 'harbor-web', lumen, 5, 'Pays before the due date, sends us friends, never takes it out on the team');

  // The draining client.
  const grindstoneRef = { supplierId: lumen, clientId: grindstone };
  relationship(ago(730), asParty(lumen), { type: 'StartEngagement', data: { ...grindstoneRef, engagementId: 'grindstone-platform', paymentTermsDays: 30, startedAt: ago(730) } });
  invoices(lumen, grindstone, 'grindstone-platform', 720, 23, 30, (i) => 40 + ((i * 17) % 36), asParty(lumen));
  relationship(ago(600), asParty(grindstone), { type: 'RaiseDispute', data: { ...grindstoneRef, disputeId: 'sprint-demo', raisedBy: grindstone, reason: 'Says the sprint demo came late (it was on the agreed date)', raisedAt: ago(600) } });
  relationship(ago(570), asParty(grindstone), { type: 'ResolveDispute', data: { ...grindstoneRef, disputeId: 'sprint-demo', outcome: 'withdrawn', resolvedAt: ago(570) } });
  relationship(ago(420), asParty(grindstone), { type: 'RaiseDispute', data: { ...grindstoneRef, disputeId: 'change-requests', raisedBy: grindstone, reason: 'Refuses to pay for the change requests it asked for', raisedAt: ago(420) } });
  relationship(ago(380), asParty(grindstone), { type: 'ResolveDispute', data: { ...grindstoneRef, disputeId: 'change-requests', outcome: 'withdrawn', resolvedAt: ago(380) } });
  relationship(ago(300), asParty(lumen), { type: 'RaiseDispute', data: { ...grindstoneRef, disputeId: 'unpaid-weekends', raisedBy: lumen, reason: 'Forty days of weekend work asked for and never paid', raisedAt: ago(300) } });
  relationship(ago(250), asParty(grindstone), { type: 'ResolveDispute', data: { ...grindstoneRef, disputeId: 'unpaid-weekends', outcome: 'upheld', resolvedAt: ago(250) } });
  feedback(90, lumen, grindstone, 'grindstone-platform', lumen, 2, 'Scope creep every sprint, invoices paid two months late, a team worn out');
  feedback(88, lumen, grindstone, 'grindstone-platform', grindstone, 3, 'Good work, but too expensive');
  relationship(ago(40), asParty(lumen), {
    type: 'EndEngagement',
    data: { ...grindstoneRef, engagementId: 'grindstone-platform', endedBy: lumen, reason: 'Scope creep and late payments were draining the team', amicable: false, handoverArranged: true, endedAt: ago(40) },
  });

  // The supplier that sued its client over a review.
  const bistroRef = { supplierId: sharkline, clientId: bistro };
  relationship(ago(450), asParty(bistro), { type: 'StartEngagement', data: { ...bistroRef, engagementId: 'bistro-hosting', paymentTermsDays: 15, startedAt: ago(450) } });
  invoices(sharkline, bistro, 'bistro-hosting', 445, 12, 15, () => 0, asParty(sharkline));
  relationship(ago(200), asParty(bistro), { type: 'RaiseDispute', data: { ...bistroRef, disputeId: 'march-outage', raisedBy: bistro, reason: 'Site down nine days in March; support never answered', raisedAt: ago(200) } });
  feedback(150, sharkline, bistro, 'bistro-hosting', bistro, 1, 'Outages every week and support never answers');
  feedback(149, sharkline, bistro, 'bistro-hosting', sharkline, 4, 'Pays on time');
  relationship(ago(120), asParty(bistro), {
    type: 'RecordLegalAction',
    data: { ...bistroRef, legalActionId: 'defamation-suit', takenBy: sharkline, kind: 'lawsuit', grounds: 'review', disputeId: 'march-outage', takenAt: ago(120) },
  });

  // The amicable parting.
  const oakridgeRef = { supplierId: lumen, clientId: oakridge };
  relationship(ago(1150), asParty(oakridge), { type: 'StartEngagement', data: { ...oakridgeRef, engagementId: 'oakridge-brand', paymentTermsDays: 30, startedAt: ago(1150) } });
  invoices(lumen, oakridge, 'oakridge-brand', 1140, 34, 30, (i) => (i % 4) - 2, asParty(lumen));
  deliveries(lumen, oakridge, 'oakridge-brand', 1100, 12, 91);
  feedback(110, lumen, oakridge, 'oakridge-brand', oakridge, 5, 'Three great years; we are bringing design in-house, nothing more');
  feedback(108, lumen, oakridge, 'oakridge-brand', lumen, 5, 'A pleasure to work with; sad to see them go');
  relationship(ago(100), asParty(oakridge), {
    type: 'EndEngagement',
    data: { ...oakridgeRef, engagementId: 'oakridge-brand', endedBy: oakridge, reason: 'Bringing design in-house: no one at fault', amicable: true, handoverArranged: true, endedAt: ago(100) },
  });

  return steps.sort((a, b) => a.at.localeCompare(b.at));
};
