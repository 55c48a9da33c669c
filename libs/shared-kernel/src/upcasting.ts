import type { z } from 'zod';
import { validationIssuesOf, type ValidationIssue } from './command';
import { RapportError } from './errors';

/** Turns a payload of version n into version n + 1, knowing nothing but version n's shape. */
export type Upcaster = (data: unknown) => unknown;

/**
 * The versions of one event type. To change a payload's shape: edit the schema to the new shape, bump
 * `current`, and add the step from the previous version under that version's number, e.g.
 * `{ current: 2, upcasters: { 1: (v1) => ({ ...v1, newField: 'its default' }) } }`. Stored events keep
 * their version; readers upcast step by step on the way in, so the log is never rewritten.
 */
export interface EventTypeVersions {
  readonly current: number;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

export type EventVersionRegistry<T extends string> = { readonly [K in T]: EventTypeVersions };

type Schemas = Record<string, z.ZodType>;
export type EventOfSchemas<S extends Schemas> = {
  [T in keyof S & string]: { readonly type: T; readonly data: z.output<S[T]> };
}[keyof S & string];

export class UnknownEventTypeError extends RapportError {
  readonly kind = 'validation';
  readonly code: string;

  constructor(namespace: string, type: string) {
    super(`Unknown ${namespace.toLowerCase()} event type ${JSON.stringify(type)}`, { type });
    this.code = `${namespace}.UNKNOWN_EVENT_TYPE`;
  }
}

/** The stored version has no upcaster path to the current one, e.g. it was written by newer code. */
export class UnsupportedSchemaVersionError extends RapportError {
  readonly kind = 'validation';
  readonly code: string;

  constructor(namespace: string, type: string, schemaVersion: number, current: number) {
    super(`${type} v${schemaVersion} cannot be read as v${current}`, { type, schemaVersion, current });
    this.code = `${namespace}.UNSUPPORTED_SCHEMA_VERSION`;
  }
}

export class MalformedEventError extends RapportError {
  readonly kind = 'validation';
  readonly code: string;

  constructor(namespace: string, type: string, schemaVersion: number, readonly issues: readonly ValidationIssue[]) {
    super(`${type} v${schemaVersion} does not match its schema`, { type, schemaVersion, issues });
    this.code = `${namespace}.MALFORMED_EVENT`;
  }
}

export interface EventUpcaster<S extends Schemas> {
  /** The stored payload, brought to the current shape and validated by the current schema. */
  upcast(type: string, schemaVersion: number, data: unknown): EventOfSchemas<S>;
  /** The version to write in the metadata of a new event of this type. */
  currentVersion(type: keyof S & string): number;
}

export const createEventUpcaster = <S extends Schemas>(
  namespace: string,
  schemas: S,
  versions: EventVersionRegistry<keyof S & string>,
): EventUpcaster<S> => ({
  upcast(type, schemaVersion, data) {
    if (!Object.hasOwn(schemas, type)) throw new UnknownEventTypeError(namespace, type);
    const known = type as keyof S & string;
    const { current, upcasters = {} } = versions[known];
    if (!Number.isInteger(schemaVersion) || schemaVersion > current) {
      throw new UnsupportedSchemaVersionError(namespace, type, schemaVersion, current);
    }
    let payload = data;
    for (let version = schemaVersion; version < current; version++) {
      const step = upcasters[version];
      if (!step) throw new UnsupportedSchemaVersionError(namespace, type, schemaVersion, current);
      payload = step(payload);
    }
    const parsed = schemas[known].safeParse(payload);
    if (!parsed.success) {
      throw new MalformedEventError(namespace, type, schemaVersion, validationIssuesOf(parsed.error));
    }
    return { type: known, data: parsed.data } as EventOfSchemas<S>;
  },
  currentVersion: (type) => versions[type].current,
});
