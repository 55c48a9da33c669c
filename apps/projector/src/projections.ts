import type { Projection } from '#libs/projector';

/**
 * Every projection the projector runs, in production and embedded alike. Read models register here;
 * the list is empty until the first ones (party profile, relationship, timeline, rankings) land.
 */
export const projections: readonly Projection[] = [];
