import { serializePosition, type EventStore, type Position } from '#libs/event-store';
import { parsePartyStreamId } from '#libs/parties';
import { parseRelationshipStreamId } from '#libs/relationships';

/** The streams whose events move a party's rating: its own, and every relationship it is in. */
export const RATED_STREAM_PREFIXES = ['party-', 'relationship-'] as const;

/** The latest event of a rated stream in the log (position serialized), or null when it holds none. */
export const lastRatedEvent = async (store: EventStore): Promise<{ position: string; streamId: string } | null> => {
  for await (const event of store.readAll({ direction: 'backwards', fromPosition: 'end', filter: { streamNamePrefixes: [...RATED_STREAM_PREFIXES] }, maxCount: 1 })) {
    return { position: serializePosition(event.position), streamId: event.streamId };
  }
  return null;
};

/** The parties an event of this stream concerns. */
export const partiesConcernedBy = (streamId: string): string[] => {
  const partyId = parsePartyStreamId(streamId);
  if (partyId !== undefined) return [partyId];
  const ref = parseRelationshipStreamId(streamId);
  return ref === undefined ? [] : [ref.supplierId, ref.clientId];
};

export interface FollowLogOptions {
  readonly store: EventStore;
  /** Exclusive, as `subscribeToAll`. */
  readonly from: Position | 'start' | 'end';
  readonly signal: AbortSignal;
  /**
   * The parties touched since the last call, each with the position (serialized) of its latest event, and
   * the position reached: persist it once the touches are handled. The follower waits for it.
   */
  readonly onTouched: (touched: ReadonlyMap<string, string>, reached: string) => Promise<void>;
  /** While catching up, hand touches over once this many parties are pending. Default 500. */
  readonly batchSize?: number;
}

/**
 * Follows the log from a checkpoint and says which parties each stretch of events concerns: catching up
 * in batches, then event by event once live. Ends when the signal fires.
 */
export const followLog = async ({ store, from, signal, onTouched, batchSize = 500 }: FollowLogOptions): Promise<void> => {
  let touched = new Map<string, string>();
  let reached: Position | null = null;
  let handed: string | null = null;
  let live = false;
  const handOver = async (): Promise<void> => {
    if (reached === null) return;
    const position = serializePosition(reached);
    if (position === handed && touched.size === 0) return;
    const batch = touched;
    touched = new Map();
    await onTouched(batch, position);
    handed = position;
  };
  const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [...RATED_STREAM_PREFIXES] }, signal });
  for await (const message of subscription) {
    if (message.kind === 'event') {
      const position = serializePosition(message.event.position);
      for (const partyId of partiesConcernedBy(message.event.streamId)) touched.set(partyId, position);
      reached = message.event.position;
      if (live || touched.size >= batchSize) await handOver();
    } else {
      if (message.kind === 'caught-up') live = true;
      reached = message.position ?? reached;
      await handOver();
    }
  }
};
