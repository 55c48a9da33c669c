import type { Projection } from '#libs/projector';

/** A `Projection` over a typed document: what each read model here is written against. */
export type ReadModel<D> = Projection<D>;

/**
 * The one cast between typed documents and the engine's JSON. The documents are JSON by construction
 * (strings, numbers, booleans, null, arrays and plain objects built from JSON payloads), but TypeScript
 * cannot see that through the scoring lib's interfaces; the rebuild spec round-trips every document
 * through `JSON.stringify` to hold the claim.
 */
export const asProjection = <D>(model: ReadModel<D>): Projection => model as unknown as Projection;
