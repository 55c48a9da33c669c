import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordRelationshipFacts, type RelationshipCommand, type RelationshipCommandInput } from '#libs/relationships';
import type { IngestionItem } from '../events/event-to-command';
import type { IngestionRecorder, StreamBatchOutcome } from './ingestion-recorder.port';
import type { PartnerPrincipal } from './partner-scope';

/** The command without the context the handler gives it again; its payload is the very one the catalogue parsed. */
const inputOf = ({ type, data }: RelationshipCommand): RelationshipCommandInput => ({ type, data }) as RelationshipCommandInput;

/**
 * The recorder on the application layer: one `RecordRelationshipFacts` command per relationship batch, each
 * fact the `{ type, data }` the transport validated (the same bytes give the same request hash on every channel;
 * the catalogue that parsed the payload does not parse it again), keyed by its external id (the handler scopes
 * keys to the partner and derives the event ids from them), on behalf of the party the event names. The handler
 * checks the grant and stamps `source: partner:<id>`, `attested: true` from the principal.
 */
@Injectable()
export class CommandBusIngestionRecorder implements IngestionRecorder {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  async record(principal: PartnerPrincipal, items: readonly IngestionItem[], correlationId: string): Promise<StreamBatchOutcome> {
    const { supplierId, clientId } = items[0].command.data;
    const facts = items.map(({ command, externalId, onBehalfOf }) => ({ command: inputOf(command), idempotencyKey: externalId, onBehalfOf }));
    const outcome = await this.commandBus.execute(new RecordRelationshipFacts(principal, { supplierId, clientId }, facts, correlationId));
    return outcome.status === 'recorded' ? { ok: true, recorded: outcome.facts } : { ok: false, refusals: outcome.refusals };
  }
}
