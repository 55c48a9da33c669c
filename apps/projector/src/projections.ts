import type { Projection } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';

/**
 * Every projection the projector process and `npm run rebuild` run. The API's embedded mode runs
 * `reputationProjections` too (apps/api/src/read-models): a read model added here goes there as well.
 */
export const projections: readonly Projection[] = [...reputationProjections];

/** The projections of `all` with these names, in the order named, each once; an unknown name throws, naming the known ones. */
export const projectionsNamed = (names: readonly string[], all: readonly Projection[] = projections): Projection[] =>
  [...new Set(names)].map((name) => {
    const projection = all.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`No projection named ${JSON.stringify(name)}; known: ${all.map((p) => p.name).join(', ') || '(none registered)'}`);
    return projection;
  });
