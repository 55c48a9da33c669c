import { type PairLog, plusDays, RecordedLog } from '../../../../libs/reputation/test/recorded-log';

/** Stories are told relative to today: recency weighs in every rating and flags expire. */
const daysAgo = (days: number): string => plusDays(new Date().toISOString().slice(0, 10), -days);

const monthly = (from: string, months: number): string[] => Array.from({ length: months }, (_, i) => plusDays(from, Math.round(i * 30.44)));

/** What the stories put in the log, for assertions. */
export interface Stories {
  readonly log: RecordedLog;
  /** The comment of acme's feedback about globex, still sealed. */
  readonly sealedComment: string;
  /** The comment hooli wrote about sueco, revealed. */
  readonly revealedComment: string;
}

const pays = (pair: PairLog, from: string, months: number, daysLate: number): void => {
  for (const issued of monthly(from, months)) pair.payInvoice(issued, { daysLate, attested: true });
};

/**
 * The situations Rapport exists for, as facts: globex, an ideal client of acme for years (pays early,
 * refers others); initech, a client that pays late and raised a dispute still open; sueco, a supplier
 * that sued hooli over its feedback. acme's feedback about globex is still sealed.
 */
export const reputationStories = (): Stories => {
  const log = new RecordedLog();
  log.register('acme', { name: 'Acme Consulting', roles: ['supplier'], industry: 'Software', region: 'Île-de-France' });
  log.register('globex', { name: 'Globex', roles: ['client'], industry: 'Retail', region: 'Île-de-France' });
  log.register('initech', { name: 'Initech', roles: ['client'], industry: 'Retail', region: 'Bretagne' });
  log.register('sueco', { name: 'Sue & Co', roles: ['supplier'], industry: 'Software', region: 'Bretagne' });
  log.register('hooli', { name: 'Hooli', roles: ['client'], industry: 'Media', region: 'Bretagne' });

  const ideal = log.between('acme', 'globex');
  ideal.startEngagement(daysAgo(4 * 365));
  pays(ideal, daysAgo(4 * 365 - 30), 36, -20);
  for (let i = 0; i < 3; i++) ideal.refer('globex', daysAgo(3 * 365 - i * 300));
  for (let i = 0; i < 6; i++) ideal.deliver(daysAgo(3 * 365 - i * 90));
  const sealedComment = 'Lovely people, but they ask for free extras';
  ideal.submitFeedback('acme', 4, daysAgo(10), { comment: sealedComment, feedbackId: 'fb-acme-globex' });

  const draining = log.between('acme', 'initech');
  draining.startEngagement(daysAgo(2 * 365));
  pays(draining, daysAgo(2 * 365 - 30), 8, 60);
  draining.raiseDispute('initech', daysAgo(365));

  const sued = log.between('sueco', 'hooli');
  sued.startEngagement(daysAgo(400));
  pays(sued, daysAgo(370), 6, 0);
  sued.deliver(daysAgo(200), 20);
  const revealedComment = 'Late and unresponsive';
  sued.submitFeedback('hooli', 1, daysAgo(150), { comment: revealedComment, feedbackId: 'fb-hooli-sueco' });
  sued.submitFeedback('sueco', 3, daysAgo(149), { feedbackId: 'fb-sueco-hooli' });
  sued.reveal(['fb-hooli-sueco', 'fb-sueco-hooli'], daysAgo(149));
  sued.takeLegalAction('sueco', daysAgo(120), 'feedback');

  return { log, sealedComment, revealedComment };
};

/** One supplier with `count` clients, each an engagement and a paid invoice: a page of relationships to batch. */
export const hubWithClients = (log: RecordedLog, hub: string, count: number): string[] => {
  log.register(hub, { roles: ['supplier'] });
  return Array.from({ length: count }, (_, i) => {
    const client = `${hub}_client_${String(i).padStart(3, '0')}`;
    const pair = log.between(hub, client);
    pair.startEngagement(daysAgo(300));
    pair.payInvoice(daysAgo(270), { daysLate: i % 3 });
    return client;
  });
};
