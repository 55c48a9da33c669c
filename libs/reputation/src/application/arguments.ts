import type { z } from 'zod';
import { PartyId, validationIssuesOf, type ValidationIssue } from '#libs/shared-kernel';
import { InvalidReputationQueryError } from './reputation-query.errors';

/**
 * Checks a query's arguments and reports every wrong one at once, each by its argument path, as one
 * `REPUTATION.INVALID_ARGUMENTS` validation error.
 */
export class ArgumentCheck {
  private readonly issues: ValidationIssue[] = [];

  partyId(path: string, value: string): string {
    return this.parse(path, PartyId, value) ?? value;
  }

  parse<S extends z.ZodType>(path: string, schema: S, value: unknown): z.output<S> | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of validationIssuesOf(parsed.error)) this.add([path, issue.path].filter(Boolean).join('.'), issue.message);
    return undefined;
  }

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Throws when any argument was wrong; call once every argument was checked. */
  done(): void {
    if (this.issues.length > 0) throw new InvalidReputationQueryError('REPUTATION.INVALID_ARGUMENTS', this.issues);
  }
}

/** One party id argument, checked. */
export const partyIdArgument = (path: string, value: string): string => {
  const check = new ArgumentCheck();
  const partyId = check.partyId(path, value);
  check.done();
  return partyId;
};
