import type { CredentialVerifier, Principal } from '#libs/access';
import type { ReputationReads, ReputationReadsFactory } from '#libs/reputation';
import { presentedCredential, type Presented } from './bearer-token';

/** Why a request has no principal: it presented nothing, or something that did not verify. */
export type AuthenticationFailure = 'missing' | 'invalid';

/**
 * The GraphQL context of one request (or one WebSocket operation). The credential is verified once,
 * when the context is made; the authentication plugin then refuses any operation without a principal,
 * so resolvers only ever run for an authenticated one.
 */
export class ApiContext {
  private openedReads?: ReputationReads;

  constructor(
    /** The transport's request; Nest looks for it here. */
    readonly req: object,
    readonly principal: Principal | null,
    readonly failure: AuthenticationFailure | null,
    private readonly readsFactory: ReputationReadsFactory,
  ) {}

  /** The authenticated principal. */
  get viewer(): Principal {
    if (this.principal === null) throw new Error('Resolver reached without a principal: the authentication plugin must run first');
    return this.principal;
  }

  /** This request's batched, viewer-aware reads, opened on first use. */
  get reads(): ReputationReads {
    this.openedReads ??= this.readsFactory.open(this.viewer);
    return this.openedReads;
  }

  /**
   * Forgets what was read: a subscription's operation keeps one context for all its events, and each
   * event must read the read models afresh, not the cache of the previous one.
   */
  refreshReads(): void {
    this.openedReads = undefined;
  }
}

export const authenticate = async (verifier: CredentialVerifier, presented: Presented): Promise<{ principal: Principal | null; failure: AuthenticationFailure | null }> => {
  if (presented.kind === 'none') return { principal: null, failure: 'missing' };
  const principal = presented.kind === 'bearer' ? await verifier.verify(presented.token) : null;
  return principal ? { principal, failure: null } : { principal: null, failure: 'invalid' };
};

interface HttpRequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
}

/** A WebSocket operation's context: its connection was authenticated once, on `connection_init`. */
export interface WsContextLike {
  readonly extra: { readonly request: object; readonly principal?: Principal };
}

const isWs = (value: object): value is WsContextLike => 'connectionParams' in value && 'extra' in value;

/** The `context` function for Apollo (HTTP: the Fastify request) and graphql-ws (its connection context). */
export const apiContextFactory =
  (verifier: CredentialVerifier, readsFactory: ReputationReadsFactory) =>
  async (source: object): Promise<ApiContext> => {
    if (isWs(source)) {
      const principal = source.extra.principal ?? null;
      return new ApiContext(source.extra.request, principal, principal ? null : 'missing', readsFactory);
    }
    const { principal, failure } = await authenticate(verifier, presentedCredential((source as HttpRequestLike).headers.authorization));
    return new ApiContext(source, principal, failure, readsFactory);
  };
