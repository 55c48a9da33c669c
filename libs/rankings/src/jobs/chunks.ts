export interface ChunkOptions {
  readonly chunkSize: number;
  /** Chunks in flight at once. */
  readonly concurrency: number;
  readonly onChunk?: (done: number, total: number) => void | Promise<void>;
}

export const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** `fn` over the items a chunk at a time, a few chunks at once; results in the chunks' order. */
export const mapChunks = async <T, R>(items: readonly T[], options: ChunkOptions, fn: (chunk: T[], index: number) => Promise<R>): Promise<R[]> => {
  const chunks = chunksOf(items, Math.max(1, options.chunkSize));
  if (chunks.length === 0) await options.onChunk?.(0, 0);
  const results = new Array<R>(chunks.length);
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      const i = next++;
      results[i] = await fn(chunks[i], i);
      done += chunks[i].length;
      await options.onChunk?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, chunks.length)) }, lane));
  return results;
};
