import { createReadStream, type ReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Event } from '../generated/rapport/ingestion/v1/ingestion';

export type ImportFormat = 'ndjson' | 'csv';

/** One line (NDJSON) or row (CSV) of an import file: its event, or why it is not one. */
export type EventRecord =
  | { readonly line: number; readonly event: Event }
  | { readonly line: number; readonly error: string };

export const formatOf = (path: string): ImportFormat | undefined => {
  const lower = path.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The event exactly as gRPC would deliver it (through its binary form): timestamps come out normalised the same
 * way, so a fact imported from a file and the same fact sent over gRPC are the same request for idempotency.
 */
const throughTheWire = (json: Record<string, unknown>, line: number): EventRecord => {
  try {
    return { line, event: Event.decode(Event.encode(Event.fromJSON(json)).finish()) };
  } catch {
    return { line, error: 'a timestamp is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)' };
  }
};

/** An NDJSON line is the proto3 JSON form of one `Event` (field names in lowerCamelCase or snake_case). */
const ndjsonRecord = (text: string, line: number): EventRecord => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { line, error: `not JSON: ${(error as Error).message}` };
  }
  return isObject(parsed) ? throughTheWire(parsed, line) : { line, error: 'not a JSON object' };
};

/** Splits CSV rows (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
const csvFields = (row: string): string[] => {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
};

const openQuotes = (text: string): boolean => (text.match(/"/g)?.length ?? 0) % 2 === 1;

const BOOLEAN_FIELDS = new Set(['amicable', 'handover_arranged']);
const ENVELOPE_FIELDS = new Set(['external_id', 'supplier_id', 'client_id', 'on_behalf_of']);

/**
 * A CSV row: columns `external_id, supplier_id, client_id, on_behalf_of, kind` (the oneof field, e.g.
 * `invoice_paid`), then the kind's fields by their proto names, nested ones dotted (`ratings.quality`).
 * Cells hold proto3 JSON values as text; empty cells are left out.
 */
const csvRecord = (header: readonly string[], row: string, line: number): EventRecord => {
  const cells = csvFields(row);
  if (cells.length !== header.length) return { line, error: `${cells.length} cells, but the header has ${header.length} columns` };
  const envelope: Record<string, unknown> = {};
  const payload: Record<string, unknown> = {};
  let kind = '';
  header.forEach((column, i) => {
    const cell = cells[i];
    if (cell === '') return;
    if (column === 'kind') kind = cell;
    else if (ENVELOPE_FIELDS.has(column)) envelope[column] = cell;
    else {
      const path = column.split('.');
      let target = payload;
      for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      const leaf = path[path.length - 1];
      target[leaf] = BOOLEAN_FIELDS.has(leaf) ? cell === 'true' : cell;
    }
  });
  return throughTheWire(kind ? { ...envelope, [kind]: payload } : envelope, line);
};

/**
 * The records of an import file, read as a stream (the file is never held in memory). `bytesRead` tells how
 * far the reading got, for a progress bar.
 */
export const readEventRecords = (path: string, format: ImportFormat): { records: AsyncIterable<EventRecord>; input: ReadStream } => {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const records = async function* (): AsyncGenerator<EventRecord> {
    let line = 0;
    let header: string[] | undefined;
    let pending = '';
    let pendingLine = 0;
    for await (const text of lines) {
      line++;
      if (format === 'ndjson') {
        if (text.trim() !== '') yield ndjsonRecord(text, line);
        continue;
      }
      pending = pending ? `${pending}\n${text}` : text;
      pendingLine ||= line;
      if (openQuotes(pending)) continue;
      const row = pending;
      const rowLine = pendingLine;
      pending = '';
      pendingLine = 0;
      if (row.trim() === '') continue;
      if (!header) header = csvFields(row).map((c) => c.trim());
      else yield csvRecord(header, row, rowLine);
    }
    if (pending) yield { line: pendingLine, error: 'unterminated quoted field' };
  };
  return { records: records(), input };
};
