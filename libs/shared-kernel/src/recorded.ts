/**
 * What a command handler answers: the events it recorded and the stream's revision after them. A retry
 * with the same idempotency key answers exactly what the first attempt answered, and records nothing.
 */
export interface Recorded {
  readonly streamId: string;
  readonly eventIds: readonly string[];
  /** The stream's revision after the command's last event. */
  readonly revision: number;
  /** Serialized global position of the command's last event (see `serializePosition`): wait on it to read your write. */
  readonly position: string;
  /** True when this answer comes from an earlier attempt with the same idempotency key. */
  readonly replayed: boolean;
}
