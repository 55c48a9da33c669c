import type { Principal } from '#libs/access';
import { RapportError } from '#libs/shared-kernel';

/** Managing credentials is for admins. */
export class AdminOnlyError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'ACCESS.ADMIN_ONLY';
}

export const requireAdmin = (viewer: Principal, what: string): void => {
  if (viewer.kind !== 'admin') throw new AdminOnlyError(`Only an admin may ${what}`, { kind: viewer.kind });
};
