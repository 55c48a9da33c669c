/** A place in a stream's queue: wait for `turn`, then `release` when done (also on failure). */
export interface LaneSlot {
  readonly turn: Promise<void>;
  release(): void;
}

/**
 * One queue per event stream, so that work on a stream runs in the order it was reserved even when several
 * calls (or a stream call's pipelined batches) are in flight: a relationship's facts are decided in the order
 * they were sent. Reserve synchronously, in order; work on different streams runs in parallel.
 */
export class StreamLanes {
  private readonly tails = new Map<string, Promise<void>>();

  reserve(streamId: string): LaneSlot {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(streamId, done);
    void done.then(() => {
      if (this.tails.get(streamId) === done) this.tails.delete(streamId);
    });
    return { turn: previous, release };
  }
}
