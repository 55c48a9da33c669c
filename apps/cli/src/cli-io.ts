/** Where a subcommand reads its environment and writes its output: the process, or a test's buffers. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Subcommand = (args: readonly string[], io: CliIo) => Promise<number>;
