import { type Client, type CombinedError, gql } from '@urql/core';
import type { EventStore, RecordedEvent } from '#libs/event-store';

/** Every mutation that records a fact, with its input type. */
export const FACT_MUTATIONS = {
  registerParty: 'RegisterPartyInput',
  updatePartyProfile: 'UpdatePartyProfileInput',
  startEngagement: 'StartEngagementInput',
  endEngagement: 'EndEngagementInput',
  recordInvoicePaid: 'RecordInvoicePaidInput',
  recordReferral: 'RecordReferralInput',
  raiseDispute: 'RaiseDisputeInput',
  resolveDispute: 'ResolveDisputeInput',
  recordLegalAction: 'RecordLegalActionInput',
  concludeLegalAction: 'ConcludeLegalActionInput',
  recordDelivery: 'RecordDeliveryInput',
  recordPriorityService: 'RecordPriorityServiceInput',
  submitFeedback: 'SubmitFeedbackInput',
  retractFact: 'RetractFactInput',
} as const;
export type FactMutation = keyof typeof FACT_MUTATIONS;

const documents = new Map<FactMutation, ReturnType<typeof gql>>();
const documentOf = (name: FactMutation) => {
  let document = documents.get(name);
  if (!document) {
    document = gql(`
      mutation Write($input: ${FACT_MUTATIONS[name]}!, $idempotencyKey: String, $onBehalfOf: ID, $waitForProjection: Boolean) {
        ${name}(input: $input, idempotencyKey: $idempotencyKey, onBehalfOf: $onBehalfOf, waitForProjection: $waitForProjection) {
          streamId eventIds revision position replayed projected
        }
      }
    `);
    documents.set(name, document);
  }
  return document;
};

export interface Recorded {
  readonly streamId: string;
  readonly eventIds: string[];
  readonly revision: number;
  readonly position: string | null;
  readonly replayed: boolean;
  readonly projected: boolean | null;
}

export interface WriteOptions {
  readonly idempotencyKey?: string;
  readonly onBehalfOf?: string;
  readonly waitForProjection?: boolean;
}

/** Sends one fact mutation; answers what it recorded, or the error. */
export const write = async (client: Client, name: FactMutation, input: Record<string, unknown>, options: WriteOptions = {}) => {
  const { data, error } = await client.mutation<Partial<Record<FactMutation, Recorded>>>(documentOf(name), { input, ...options }).toPromise();
  return { recorded: data?.[name] ?? null, error };
};

/** Sends one fact mutation that must succeed. */
export const recorded = async (client: Client, name: FactMutation, input: Record<string, unknown>, options: WriteOptions = {}): Promise<Recorded> => {
  const result = await write(client, name, input, options);
  if (!result.recorded) throw new Error(`${name} failed: ${JSON.stringify(errorsOf(result.error))}`);
  return result.recorded;
};

export const errorsOf = (error: CombinedError | undefined) => (error?.graphQLErrors ?? []).map(({ message, path, extensions }) => ({ message, path, extensions }));
export const statusOf = (error: CombinedError | undefined) => (error?.response as Response | undefined)?.status;

/** The one error of an answer, as `{ code, domainCode, issues? }`. */
export const codeOf = (error: CombinedError | undefined) => errorsOf(error)[0]?.extensions;

const dayMs = 86_400_000;
/** Noon UTC `days` ago: facts are dated in the past, never later than the server's now. */
export const daysAgo = (days: number): string => new Date(Math.floor(Date.now() / dayMs) * dayMs + dayMs / 2 - (days + 1) * dayMs).toISOString();

export const eventsOf = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

/** The fields a relationship mutation needs besides its own. */
export const between = (supplierId: string, clientId: string) => ({ supplierId, clientId });
