import { EventStoreConfigError } from '#libs/event-store';
import { CommandValidationError, isRapportError } from '#libs/shared-kernel';
import { UsageError, type CliIo, type Subcommand } from './cli-io';
import { IMPORT_USAGE, runImport } from '../../ingestion/src';
import { TOKEN_USAGE, runTokenCommand } from './token/token.command';
import { EventStoreNotOpenedError } from './with-event-store';

/** One entry per subcommand. */
const SUBCOMMANDS: Readonly<Record<string, { readonly usage: string; readonly run: Subcommand }>> = {
  token: { usage: TOKEN_USAGE, run: runTokenCommand },
  import: { usage: IMPORT_USAGE, run: runImport },
};

const usage = (): string =>
  [
    'Usage: rapport <command> [options]',
    '',
    ...Object.values(SUBCOMMANDS).map((s) => s.usage),
    '',
    'The event store is the one the apps use: EVENT_STORE, PGLITE_DATA_DIR, DATABASE_URL, EVENTSTORE_URL.',
  ].join('\n');

const describe = (error: unknown): string => {
  if (error instanceof CommandValidationError) return `${error.code}: ${error.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`;
  if (isRapportError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof EventStoreNotOpenedError || error instanceof EventStoreConfigError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
};

/** Runs the command line `argv` (without node and the script) and answers the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) {
    io.err(`rapport: unknown command ${JSON.stringify(name)}\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await subcommand.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`rapport ${name}: ${error.message}\n\n${subcommand.usage}\n`);
      return 2;
    }
    io.err(`rapport ${name}: ${describe(error)}\n`);
    return 1;
  }
};
