import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { ReadStoreReader } from '#libs/projector';
import type { PartyProfileDoc, PublicPartyProfile } from '../read-models/party-profile/party-profile.doc';
import { PARTY_PROFILE_PROJECTION } from '../read-models/party-profile/party-profile.projection';
import { publicProfileView } from '../read-models/party-profile/party-profile.queries';
import type { RelationshipDoc } from '../read-models/relationship/relationship.doc';
import { RELATIONSHIP_PROJECTION } from '../read-models/relationship/relationship.projection';
import type { PublicRelationshipView } from '../read-models/relationship/relationship.queries';
import { relationshipKey } from '../read-models/shared/keys';
import { REPUTATION_READ_STORE } from './reputation-read-store';
import { relationshipViewFor, type Viewer } from './viewer';

/** Most keys one read-store round trip asks for; a larger batch is split. */
const MAX_BATCH = 500;

/**
 * A profile's public view, once per document object: a reader that hands out the same (frozen) document
 * while it is unchanged — the API's cache of the embedded store — then pays for the view once. A reader
 * that parses afresh (Redis) gets new objects, and the map holds nothing for long.
 */
const profileViews = new WeakMap<PartyProfileDoc, PublicPartyProfile>();

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const profileViewOf = (doc: PartyProfileDoc): PublicPartyProfile => {
  if (!Object.isFrozen(doc)) return publicProfileView(doc);
  let view = profileViews.get(doc);
  if (view === undefined) profileViews.set(doc, (view = deepFreeze(publicProfileView(doc))));
  return view;
};

/**
 * One request's reads of documents: every profile and relationship asked for while a request resolves
 * is fetched in one `getDocs` per projection and tick, and each only once, whatever the query's shape.
 * Lives for one request only — it caches, and it answers for one viewer.
 */
export class ReputationReads {
  private profileLoader?: DataLoader<string, PublicPartyProfile | null>;
  private relationshipLoader?: DataLoader<string, PublicRelationshipView | null>;

  constructor(
    private readonly reader: ReadStoreReader,
    readonly viewer: Viewer,
  ) {}

  profile(partyId: string): Promise<PublicPartyProfile | null> {
    return this.profiles().load(partyId);
  }

  async profilesOf(partyIds: readonly string[]): Promise<(PublicPartyProfile | null)[]> {
    return settled(await this.profiles().loadMany(partyIds));
  }

  relationship(supplierId: string, clientId: string): Promise<PublicRelationshipView | null> {
    return this.relationships().load(relationshipKey(supplierId, clientId));
  }

  async relationshipsOf(keys: readonly string[]): Promise<(PublicRelationshipView | null)[]> {
    return settled(await this.relationships().loadMany(keys));
  }

  private profiles(): DataLoader<string, PublicPartyProfile | null> {
    this.profileLoader ??= new DataLoader(
      async (ids) => (await docsOf<PartyProfileDoc>(this.reader, PARTY_PROFILE_PROJECTION, ids)).map((doc) => doc && profileViewOf(doc)),
      { maxBatchSize: MAX_BATCH },
    );
    return this.profileLoader;
  }

  private relationships(): DataLoader<string, PublicRelationshipView | null> {
    this.relationshipLoader ??= new DataLoader(
      async (keys) => (await docsOf<RelationshipDoc>(this.reader, RELATIONSHIP_PROJECTION, keys)).map((doc) => doc && relationshipViewFor(doc, this.viewer)),
      { maxBatchSize: MAX_BATCH },
    );
    return this.relationshipLoader;
  }
}

/**
 * The documents are the projections' own, stored as JSON; this is the one cast back to their types. Views
 * never show the facts a rating was computed from (a party's history, most of a profile's bytes), so the
 * documents are read without their append-only arrays: one small parse instead of years of facts.
 */
const docsOf = async <D>(reader: ReadStoreReader, projection: string, keys: readonly string[]): Promise<(D | null)[]> =>
  (await reader.getDocs(projection, keys, { appendOnlyArrays: false })) as unknown as (D | null)[];

const settled = <T>(results: readonly (T | Error)[]): T[] =>
  results.map((result) => {
    if (result instanceof Error) throw result;
    return result;
  });

/** Opens a `ReputationReads` per request; the transport keeps it in its request context. */
@Injectable()
export class ReputationReadsFactory {
  constructor(@Inject(REPUTATION_READ_STORE) private readonly reader: ReadStoreReader) {}

  open(viewer: Viewer): ReputationReads {
    return new ReputationReads(this.reader, viewer);
  }
}
