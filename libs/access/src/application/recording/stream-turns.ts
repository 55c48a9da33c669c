/**
 * Runs work on one stream at a time, in the order it was asked for; streams run in parallel. Within a process,
 * commands on a stream wait for each other instead of racing to the store and retrying.
 */
export class StreamTurns {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId);
    const turn = previous ? previous.then(work) : work();
    const tail = turn.catch(() => undefined);
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return turn;
  }
}
