const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Names become key prefixes: no spaces, braces or glob characters, so a SCAN pattern can never match wider. */
export const assertProjectionName = (name: string): void => {
  if (typeof name !== 'string' || !NAME.test(name)) throw new TypeError(`Projection name must match ${NAME}: ${JSON.stringify(name)}`);
};
