import type { EventMetadata } from './event-metadata';
import type { Actor, CommandContext, PartyId } from './schema';

/**
 * Who a fact is recorded by, as the metadata stores it. A partner integration records for the party it acts
 * for, so `party` is that party and `source` names the partner; only partner facts are attested.
 */
export interface Recorder {
  readonly party: PartyId | 'system';
  readonly source: EventMetadata['source'];
  readonly attested: boolean;
}

export const recorderOf = (actor: Actor): Recorder => {
  switch (actor.kind) {
    case 'party':
      return { party: actor.partyId, source: 'party', attested: false };
    case 'partner':
      return { party: actor.onBehalfOf, source: `partner:${actor.partnerId}`, attested: true };
    case 'system':
      return { party: 'system', source: 'system', attested: false };
  }
};

export const recorderFromMetadata = (metadata: EventMetadata): Recorder => ({
  party: metadata.recordedBy,
  source: metadata.source,
  attested: metadata.attested,
});

export interface EventMetadataOptions {
  /** The current schema version of the event's type (see the lib's upcasters). */
  readonly schemaVersion: number;
  readonly causationId?: string;
}

export const eventMetadataFor = (ctx: CommandContext, opts: EventMetadataOptions): EventMetadata => {
  const { party, source, attested } = recorderOf(ctx.actor);
  return {
    recordedBy: party,
    source,
    attested,
    correlationId: ctx.correlationId,
    ...(opts.causationId === undefined ? {} : { causationId: opts.causationId }),
    schemaVersion: opts.schemaVersion,
  };
};
