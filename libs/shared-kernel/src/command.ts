import { z } from 'zod';
import { RapportError } from './errors';
import { CommandContext } from './schema';

/** One thing wrong with an input, addressed by a dotted path (`data.amount`) a form can point at. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export const validationIssuesOf = (error: z.ZodError): ValidationIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** A command that does not have the expected shape; `code` is namespaced by the lib that parsed it. */
export class CommandValidationError extends RapportError {
  readonly kind = 'validation';

  constructor(
    readonly code: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`Invalid command: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
  }
}

/** A command schema: the context every command carries, its `type` and its payload under `data`. */
export const commandSchema = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  CommandContext.extend({ type: z.literal(type), data });

/** For transports: returns the typed command or throws a `CommandValidationError` listing every issue. */
export const parseCommand = <S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new CommandValidationError(code, validationIssuesOf(result.error));
  return result.data;
};
