import { parseArgs } from 'node:util';
import { CredentialService, type CredentialGrant } from '#libs/access';
import { partyEventSchemas } from '#libs/parties';
import { relationshipEventSchemas } from '#libs/relationships';
import { systemClock } from '#libs/shared-kernel';
import { UsageError, type CliIo } from '../cli-io';
import { withEventStore } from '../with-event-store';
import { describeCreated, describeList } from './token.output';

export const TOKEN_USAGE = [
  '  rapport token create --party <partyId> [--json]',
  '  rapport token create --partner <partnerId> --parties <a,b> [--event-types <InvoicePaid,EngagementEnded>] [--json]',
  '  rapport token create --admin <name> [--json]',
  '      issues a credential and prints its secret, once',
  '  rapport token list [--json]',
  '  rapport token revoke <credentialId>',
].join('\n');

const KNOWN_EVENT_TYPES: readonly string[] = [...Object.keys(partyEventSchemas), ...Object.keys(relationshipEventSchemas)];

const OPTIONS = {
  party: { type: 'string' },
  partner: { type: 'string' },
  parties: { type: 'string' },
  'event-types': { type: 'string' },
  admin: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const parse = (args: readonly string[]) => {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const list = (value: string): string[] => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);

const grantFrom = (values: Values): CredentialGrant => {
  const kinds = (['party', 'partner', 'admin'] as const).filter((kind) => values[kind] !== undefined);
  if (kinds.length !== 1) throw new UsageError('say who the credential is for: exactly one of --party, --partner or --admin');
  if (kinds[0] !== 'partner' && (values.parties !== undefined || values['event-types'] !== undefined)) {
    throw new UsageError('--parties and --event-types scope a --partner credential only');
  }
  if (values.party !== undefined) return { kind: 'party', partyId: values.party };
  if (values.admin !== undefined) return { kind: 'admin', name: values.admin };
  if (values.parties === undefined) throw new UsageError('a partner credential needs --parties, the parties it acts for');
  const eventTypes = values['event-types'] === undefined ? 'all' : list(values['event-types']);
  const unknown = eventTypes === 'all' ? [] : eventTypes.filter((type) => !KNOWN_EVENT_TYPES.includes(type));
  if (unknown.length > 0) throw new UsageError(`unknown event type ${unknown.join(', ')}; known: ${KNOWN_EVENT_TYPES.join(', ')}`);
  return { kind: 'partner', partnerId: values.partner ?? '', parties: list(values.parties), eventTypes };
};

const expectPositionals = (positionals: readonly string[], count: number, what: string): void => {
  if (positionals.length !== count) throw new UsageError(`expected ${what}`);
};

/** `rapport token create | list | revoke`: credentials for the GraphQL API (bearer) and gRPC ingestion (API key). */
export const runTokenCommand = async (args: readonly string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parse(args);
  const [action, ...rest] = positionals;
  const service = (work: (credentials: CredentialService) => Promise<void>) =>
    withEventStore(io.env, (store) => work(new CredentialService(store, systemClock)));
  switch (action) {
    case 'create': {
      expectPositionals(rest, 0, 'no argument after create, only options');
      const grant = grantFrom(values);
      await service(async (credentials) => {
        const issued = await credentials.issue(grant);
        io.out(values.json ? `${JSON.stringify(issued)}\n` : describeCreated(issued));
      });
      return 0;
    }
    case 'list':
      expectPositionals(rest, 0, 'no argument after list');
      await service(async (credentials) => {
        const listed = await credentials.list();
        io.out(values.json ? `${JSON.stringify(listed)}\n` : describeList(listed));
      });
      return 0;
    case 'revoke': {
      expectPositionals(rest, 1, 'the id of the credential to revoke');
      const [credentialId] = rest;
      await service(async (credentials) => {
        const revoked = await credentials.revoke(credentialId);
        io.out(revoked ? `Revoked credential ${credentialId}: it is refused from now on.\n` : `Credential ${credentialId} was already revoked.\n`);
      });
      return 0;
    }
    default:
      throw new UsageError(action === undefined ? 'expected create, list or revoke' : `unknown action ${JSON.stringify(action)}`);
  }
};
