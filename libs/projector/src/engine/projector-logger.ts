export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logging the engine needs; the API can hand in an adapter over Nest's Logger. */
export interface ProjectorLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

const serialize = (value: unknown): unknown =>
  value instanceof Error ? { type: value.name, message: value.message, ...('code' in value ? { code: value.code } : {}) } : value;

/** One JSON object per line (pino's shape: level, time, name, msg, then fields), for log shippers. */
export const jsonLogger = (name = 'projector', write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ProjectorLogger => {
  const log = (level: Level) => (message: string, fields: LogFields = {}) => {
    const entry: Record<string, unknown> = { level, time: new Date().toISOString(), name, msg: message };
    for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
    write(JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
};

export const silentLogger: ProjectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
