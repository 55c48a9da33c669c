/** What an `Authorization` header presents: nothing, a bearer token, or something else. */
export type Presented = { readonly kind: 'none' } | { readonly kind: 'malformed' } | { readonly kind: 'bearer'; readonly token: string };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export const presentedCredential = (header: unknown): Presented => {
  if (header === undefined || header === null || header === '') return { kind: 'none' };
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? { kind: 'bearer', token: match[1] } : { kind: 'malformed' };
};
