import { CommandValidationError } from '#libs/shared-kernel';

/**
 * Readdresses a validation error's issues from the command's field paths to the GraphQL arguments the
 * client wrote (`data.amount` → `input.amount`), so a form can point at the field; any other error passes
 * as it is, for the one error mapping to code.
 */
export const withInputPaths = async <T>(work: Promise<T>, toArgumentPath: (path: string) => string): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof CommandValidationError)) throw error;
    throw new CommandValidationError(
      error.code,
      error.issues.map(({ path, message }) => ({ path: toArgumentPath(path), message })),
    );
  }
};
