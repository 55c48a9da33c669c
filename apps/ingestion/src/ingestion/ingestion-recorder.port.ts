import type { RapportError, Recorded } from '#libs/shared-kernel';
import type { IngestionItem } from '../events/event-to-command';
import type { PartnerPrincipal } from './partner-scope';

/**
 * The application layer as ingestion sees it: records the events of one relationship stream all-or-nothing,
 * each under the idempotency key its external id gives it. A retried item answers its original `Recorded`
 * with `replayed: true`.
 */
export interface IngestionRecorder {
  /** `items` all belong to one relationship stream. */
  record(principal: PartnerPrincipal, items: readonly IngestionItem[], correlationId: string): Promise<StreamBatchOutcome>;
}

/**
 * Either every item was recorded (one `Recorded` per item, in order) or none was, and `refusals` say which
 * items (0-based) the domain refused and why; each was decided as if the refused ones before it had not been
 * sent. Failures not caused by an item (store unavailable …) are thrown.
 */
export type StreamBatchOutcome =
  | { readonly ok: true; readonly recorded: readonly Recorded[] }
  | { readonly ok: false; readonly refusals: readonly ItemRefusal[] };

export interface ItemRefusal {
  readonly index: number;
  readonly error: RapportError;
}

export const INGESTION_RECORDER = Symbol('INGESTION_RECORDER');
