import { CredentialService, StreamRecorder } from '#libs/access';
import { comparePositions, parsePosition, type EventStore } from '#libs/event-store';
import { partyStreamId, RecordPartyFact, RecordPartyFactHandler } from '#libs/parties';
import { RecordRelationshipFact, RecordRelationshipFactHandler, RecordRelationshipFactsHandler } from '#libs/relationships';
import { SettableClock, type Recorded } from '#libs/shared-kernel';
import { DEMO, demoStory } from './demo-story';

export interface DemoTokens {
  /** The supplier of the demo (Lumen Studio): reads everything public, writes in its own relationships. */
  readonly party: { readonly partyId: string; readonly secret: string };
  /** Manages credentials while the server runs (createCredential / revokeCredential / credentials). */
  readonly admin: { readonly name: string; readonly secret: string };
}

/** Whether the demo's first fact is in the store: then it has been seeded before. */
export const demoIsPresent = async (store: EventStore): Promise<boolean> => {
  for await (const _event of store.readStream(partyStreamId(DEMO.supplier), { maxCount: 1 })) return true;
  return false;
};

/**
 * Records the demo through the command handlers — the same deciders, checks and metadata as any client's
 * write — each at its own historical instant (a `SettableClock` set per command), under an idempotency
 * key. Answers the last write of each stream, to wait on until the read models have them.
 */
export const seedDemo = async (store: EventStore, today = new Date()): Promise<Recorded[]> => {
  const clock = new SettableClock(today.toISOString());
  const partyFacts = new RecordPartyFactHandler(new StreamRecorder(store), clock);
  const relationshipFacts = new RecordRelationshipFactHandler(new RecordRelationshipFactsHandler(new StreamRecorder(store), clock));
  const lastByStream = new Map<string, Recorded>();
  for (const step of demoStory(today)) {
    clock.set(step.at);
    const recorded =
      step.stream === 'party'
        ? await partyFacts.execute(new RecordPartyFact(step.as, step.fact))
        : await relationshipFacts.execute(new RecordRelationshipFact(step.as, step.fact));
    const seen = lastByStream.get(recorded.streamId);
    if (!seen || comparePositions(parsePosition(recorded.position), parsePosition(seen.position)) > 0) lastByStream.set(recorded.streamId, recorded);
  }
  return [...lastByStream.values()];
};

/** A party token for the demo's supplier and an admin token; their secrets exist only in this answer. */
export const issueDemoTokens = async (credentials: CredentialService): Promise<DemoTokens> => {
  const party = await credentials.issue({ kind: 'party', partyId: DEMO.supplier });
  const admin = await credentials.issue({ kind: 'admin', name: 'demo-admin' });
  return { party: { partyId: DEMO.supplier, secret: party.secret }, admin: { name: 'demo-admin', secret: admin.secret } };
};
