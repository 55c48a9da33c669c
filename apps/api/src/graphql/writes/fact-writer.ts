import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/access';
import { RecordPartyFact, type PartyCommandInput } from '#libs/parties';
import { RecordRelationshipFact, type RelationshipCommandInput } from '#libs/relationships';
import type { Recorded } from '#libs/shared-kernel';
import type { ReadModels } from '../../read-models/read-models';
import { READ_MODELS } from '../../read-models/read-models.module';
import type { ApiLimits } from '../limits/api-limits.config';
import { API_LIMITS } from '../limits/api-limits.module';
import { withInputPaths } from './input-paths';
import type { RecordedFact, WriteArgs } from './recorded.types';

/** GraphQL leaves an optional input field out or sends null; commands know only "left out". */
export const withoutNulls = (input: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));

/** A command's payload names its fields `data.…`; the client wrote them under the mutation's `input` argument. */
const commandPath = (path: string): string => (path === 'data' ? 'input' : path.startsWith('data.') ? `input.${path.slice(5)}` : path);

/**
 * What every mutation does once its resolver has built the command's payload: dispatch it on the
 * `CommandBus` as the viewer (with its key and, for a partner, the party it acts for), point validation
 * issues at the GraphQL argument, and — when asked — wait until the read models have the write.
 */
@Injectable()
export class FactWriter {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
  ) {}

  relationshipFact(viewer: Principal, type: RelationshipCommandInput['type'], data: object, write: WriteArgs): Promise<RecordedFact> {
    const fact = { command: { type, data: withoutNulls(data) }, ...this.keyAndActor(write) } as RecordRelationshipFact['fact'];
    return this.record(() => this.commands.execute(new RecordRelationshipFact(viewer, fact)), write);
  }

  partyFact(viewer: Principal, type: PartyCommandInput['type'], data: object, write: WriteArgs): Promise<RecordedFact> {
    const fact = { command: { type, data: withoutNulls(data) }, ...this.keyAndActor(write) } as RecordPartyFact['fact'];
    return this.record(() => this.commands.execute(new RecordPartyFact(viewer, fact)), write);
  }

  private keyAndActor({ idempotencyKey, onBehalfOf }: WriteArgs) {
    return { ...(idempotencyKey != null && { idempotencyKey }), ...(onBehalfOf != null && { onBehalfOf }) };
  }

  private async record(execute: () => Promise<Recorded>, { waitForProjection }: WriteArgs): Promise<RecordedFact> {
    const recorded = await withInputPaths(execute(), commandPath);
    // Revision -1: nothing is in the stream, so there is nothing to wait for.
    const projected = waitForProjection
      ? recorded.revision < 0 || (await this.readModels.waitFor(recorded.position, recorded.streamId, this.limits.projectionWaitMs))
      : null;
    return { ...recorded, eventIds: [...recorded.eventIds], projected };
  }
}
