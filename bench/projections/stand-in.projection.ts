import type { RecordedEvent } from '#libs/event-store';
import type { IndexEntry, Projection } from '#libs/projector';

/**
 * A stand-in for the real read models until they land: one document per party, updated by every event
 * of its relationships, and an index per role ranking parties by activity. The real party profile will
 * do more per event (ratings, a timeline entry); swap it in here to measure them.
 */
type PartyActivity = {
  partyId: string;
  roles: { client?: number; supplier?: number };
  events: number;
  invoices: number;
  amountPaid: number;
  disputes: number;
  referrals: number;
  lastEventAt: string;
};

const parties = (event: RecordedEvent): string[] => {
  const { supplierId, clientId } = event.data;
  return typeof supplierId === 'string' && typeof clientId === 'string' ? [supplierId, clientId] : [];
};

export const standInProjection: Projection<PartyActivity> = {
  name: 'bench-party-activity',
  version: 1,
  filter: { streamNamePrefixes: ['relationship-'] },
  keysOf: parties,
  evolve: (doc, key, event) => {
    const role = key === event.data.supplierId ? 'supplier' : 'client';
    const current = doc ?? { partyId: key, roles: {}, events: 0, invoices: 0, amountPaid: 0, disputes: 0, referrals: 0, lastEventAt: '' };
    const amount = event.type === 'InvoicePaid' && typeof event.data.amount === 'number' ? event.data.amount : 0;
    return {
      ...current,
      roles: { ...current.roles, [role]: (current.roles[role] ?? 0) + 1 },
      events: current.events + 1,
      invoices: current.invoices + (event.type === 'InvoicePaid' ? 1 : 0),
      amountPaid: current.amountPaid + amount,
      disputes: current.disputes + (event.type === 'DisputeRaised' ? 1 : 0),
      referrals: current.referrals + (event.type === 'ReferralGiven' ? 1 : 0),
      lastEventAt: event.recordedAt.toISOString(),
    };
  },
  indexesOf: (key, doc) => {
    const entries: IndexEntry[] = [];
    if (doc.roles.client) entries.push({ index: 'clients-by-activity', member: key, score: doc.roles.client });
    if (doc.roles.supplier) entries.push({ index: 'suppliers-by-activity', member: key, score: doc.roles.supplier });
    return entries;
  },
};
