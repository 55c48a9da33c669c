import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planFact, StreamRecorder, type Principal } from '#libs/access';
import { CLOCK, parseCommand, PartyId, type Clock, type Recorded } from '#libs/shared-kernel';
import { z } from 'zod';
import { partyStreamId } from '../../domain/party.stream-id';
import { partyCatalogue, partyStreamModel, type PartyFactInput } from '../party-recording';

/**
 * Registers a party or updates its profile, in its stream `party-<partyId>`. Answers the `Recorded`
 * (`replayed` for a retry with a key already used; no event ids when nothing changed); throws the refusal.
 */
export class RecordPartyFact extends Command<Recorded> {
  constructor(
    readonly principal: Principal,
    readonly fact: PartyFactInput,
    readonly correlationId?: string,
  ) {
    super();
  }
}

const NamesParty = z.object({ data: z.object({ partyId: PartyId }) });

@CommandHandler(RecordPartyFact)
export class RecordPartyFactHandler implements ICommandHandler<RecordPartyFact> {
  constructor(
    @Inject(StreamRecorder) private readonly recorder: StreamRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, fact, correlationId }: RecordPartyFact): Promise<Recorded> {
    const { partyId } = parseCommand(NamesParty, fact.command, 'PARTY.INVALID_COMMAND').data;
    const context = { now: this.clock.now(), correlationId: correlationId ?? randomUUID() };
    return this.recorder.recordOne(partyStreamId(partyId), partyStreamModel, planFact(partyCatalogue, principal, fact, context));
  }
}
