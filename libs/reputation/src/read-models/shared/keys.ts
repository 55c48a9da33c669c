import type { Role } from '#libs/shared-kernel';

/**
 * Names of the sorted sets and lists the read models maintain, in one place so that the projector, the API
 * and the background jobs spell them alike.
 */
export type RankingScope = { readonly kind: 'all' } | { readonly kind: 'industry' | 'region'; readonly value: string };

/**
 * Industry and region are free text; a ranking key needs one spelling of each: lower case, accents
 * dropped, every run of other characters one '-' ("Île-de-France " → "ile-de-france"). Empty when nothing
 * is left, in which case there is no such ranking.
 */
export const normalizeSegment = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `rankings:<role>:all`, `rankings:<role>:industry:<industry>`, `rankings:<role>:region:<region>`. */
export const rankingIndex = (role: Role, scope: RankingScope = { kind: 'all' }): string =>
  scope.kind === 'all' ? `rankings:${role}:all` : `rankings:${role}:${scope.kind}:${normalizeSegment(scope.value)}`;

/** A party's relationships, scored by the time of their last activity in ms: newest first reads them for a page. */
export const relationshipsOfIndex = (partyId: string): string => `relationships-of:${partyId}`;

/** What happened to a party, scored by the fact's time in ms. */
export const timelineList = (partyId: string): string => `timeline:${partyId}`;

/** The retractions among a party's timeline, a short list the query side reads to mark retracted entries. */
export const timelineRetractionsList = (partyId: string): string => `timeline-retractions:${partyId}`;

/** Document key of a relationship, also the member of its parties' `relationships-of` indexes. */
export const relationshipKey = (supplierId: string, clientId: string): string => `${supplierId}:${clientId}`;

export const parseRelationshipKey = (key: string): { supplierId: string; clientId: string } | undefined => {
  const parts = key.split(':');
  return parts.length === 2 && parts[0] && parts[1] ? { supplierId: parts[0], clientId: parts[1] } : undefined;
};
