import { recorderOf, type Actor, type PartyId, type Recorder } from '#libs/shared-kernel';
import {
  NotAPartyToRelationshipError,
  PartyNotInRelationshipError,
  RecorderNotAllowedError,
  SelfDealingError,
} from './relationship.errors';
import type { RelationshipRef } from './relationship.stream-id';

export type Side = 'supplier' | 'client';

/** The party an actor records for, its side, and the party on the other side. */
export interface Acting {
  readonly party: PartyId;
  readonly side: Side;
  readonly other: PartyId;
  readonly recorder: Recorder;
}

export const refuseSelfDealing = ({ supplierId, clientId }: RelationshipRef): void => {
  if (supplierId === clientId) {
    throw new SelfDealingError(`${supplierId} cannot be its own supplier and client`, { partyId: supplierId });
  }
};

/** Only the two parties, or a partner integration acting for one of them, record in a relationship. */
export const actingIn = ({ supplierId, clientId }: RelationshipRef, actor: Actor): Acting => {
  const recorder = recorderOf(actor);
  if (recorder.party === supplierId) return { party: supplierId, side: 'supplier', other: clientId, recorder };
  if (recorder.party === clientId) return { party: clientId, side: 'client', other: supplierId, recorder };
  const who = recorder.source === 'system' ? 'The system' : recorder.party;
  throw new NotAPartyToRelationshipError(
    `${who} is not a party to the relationship between supplier ${supplierId} and client ${clientId}`,
    { recordedBy: recorder.party, source: recorder.source, supplierId, clientId },
  );
};

/** A party records its own acts (`endedBy`, `raisedBy`, `by` …), never another's in its name. */
export const requireAuthor = (acting: Acting, field: string, partyId: PartyId): void => {
  if (partyId !== acting.party) {
    throw new RecorderNotAllowedError(`${acting.party} cannot record ${field} ${partyId}: only its own`, {
      field,
      partyId,
      recordedBy: acting.party,
    });
  }
};

/**
 * A fact that speaks well of a party is not taken from that party alone: it comes from the other side
 * (who has no reason to flatter) or from an attested partner integration.
 */
export const refuseSelfPraise = (acting: Acting, praised: PartyId | undefined, fact: string): void => {
  if (!acting.recorder.attested && praised === acting.party) {
    throw new RecorderNotAllowedError(
      `${fact} speaks for ${praised}: the other side or an attested partner reports it, not ${praised} alone`,
      { fact, praised },
    );
  }
};

export const requireInRelationship = (
  { supplierId, clientId }: RelationshipRef,
  field: string,
  partyId: PartyId,
): void => {
  if (partyId !== supplierId && partyId !== clientId) {
    throw new PartyNotInRelationshipError(`${field} ${partyId} is neither ${supplierId} nor ${clientId}`, {
      field,
      partyId,
    });
  }
};
