import { InvalidReputationQueryError } from '../reputation-query.errors';

/** The most items one page may hold: a larger `first` is refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Forward pagination, Relay style: up to `first` items after the item whose cursor is `after`. */
export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Page<T, E extends Edge<T> = Edge<T>> {
  readonly edges: readonly E[];
  readonly pageInfo: PageInfo;
}

export const pageSizeOf = (first: number | null | undefined): number => {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidReputationQueryError('REPUTATION.PAGE_SIZE_OUT_OF_RANGE', [
      { path: 'first', message: `first must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${first}` },
    ]);
  }
  return first;
};

export const pageInfoOf = (edges: readonly Edge<unknown>[], hasNextPage: boolean, hasPreviousPage: boolean): PageInfo => ({
  hasNextPage,
  hasPreviousPage,
  startCursor: edges[0]?.cursor ?? null,
  endCursor: edges[edges.length - 1]?.cursor ?? null,
});
