import { z } from 'zod';
import { PartyId } from './schema';

/**
 * Metadata stored with every domain event. `attested` is true only when a partner integration
 * recorded the fact (`source: 'partner:<id>'`): evidence from systems weighs more than self-reports.
 */
export const EventMetadata = z.object({
  recordedBy: PartyId.or(z.literal('system')),
  source: z.union([z.literal('party'), z.literal('system'), z.string().regex(/^partner:.+$/)]),
  attested: z.boolean(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  schemaVersion: z.number().int().positive(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** A domain event as read back from the log: what scoring and projections consume. */
export interface StoredEvent<E extends { type: string; data: unknown }> {
  readonly id: string;
  readonly event: E;
  readonly metadata: EventMetadata;
  readonly streamId: string;
  readonly revision: number;
}
