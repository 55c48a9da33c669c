import type { CommandContext } from '#libs/shared-kernel';
import type { Principal } from '../../principal';
import { factPlanner, type CommandCatalogue } from './plan-fact';
import type { FactPlan } from './stream-model';

type Note = CommandContext & { readonly type: 'Note'; readonly data: { readonly text: string } };
type Noted = { readonly type: 'Noted'; readonly data: { readonly text: string } };

const catalogue: CommandCatalogue<Note, null, Noted> = {
  records: { Note: 'Noted' },
  invalidCommandCode: 'TEST.INVALID_COMMAND',
  /** Takes the context as given: the actor a fact is planned with is the one its command carries. */
  parse: (command) => command as Note,
  decide: (command) => [{ type: 'Noted', data: command.data }],
};
const partner: Principal = { kind: 'partner', credentialId: 'c1', partnerId: 'ledgerly', parties: ['acme', 'globex'], eventTypes: ['Noted'] };
const context = { now: '2026-03-01T12:00:00Z', correlationId: 'c1' };
const note = (onBehalfOf: string, idempotencyKey?: string) => ({ command: { type: 'Note', data: { text: 'hello' } }, onBehalfOf, idempotencyKey });
const actorIn = (plan: FactPlan<null, Noted>) => (plan.kind === 'planned' ? plan.context.actor : plan.error);

describe('planning the facts of one request', () => {
  it('gives the facts acting for the same party one frozen actor, so that its context is checked once', () => {
    const plan = factPlanner(catalogue, partner, context);
    const [first, second, other] = [plan(note('acme')), plan(note('acme')), plan(note('globex'))];

    expect(actorIn(first)).toEqual({ kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'acme' });
    expect(actorIn(second)).toBe(actorIn(first));
    expect(Object.isFrozen(actorIn(first))).toBe(true);
    expect(actorIn(other)).toEqual({ kind: 'partner', partnerId: 'ledgerly', onBehalfOf: 'globex' });
  });

  it('refuses each fact outside the grant, whatever the facts before it', () => {
    const plan = factPlanner(catalogue, partner, context);
    const plans = [plan(note('acme')), plan(note('initech')), plan(note('initech'))];

    expect(plans.map((p) => p.kind)).toEqual(['planned', 'refused', 'refused']);
    expect(plans.slice(1).map(actorIn)).toEqual([expect.objectContaining({ code: 'ACCESS.PARTY_OUT_OF_SCOPE' }), expect.objectContaining({ code: 'ACCESS.PARTY_OUT_OF_SCOPE' })]);
  });

  it('marks a keyed fact with the partner as the key owner and the hash of what was sent', () => {
    const plan = factPlanner(catalogue, partner, context);
    const [a, b] = [plan(note('acme', 'k1')), plan(note('globex', 'k2'))];

    expect(a).toMatchObject({ idempotency: { scope: 'partner:ledgerly', key: 'k1' } });
    expect(b).toMatchObject({ idempotency: { scope: 'partner:ledgerly', key: 'k2' } });
    expect(a.kind === 'planned' && b.kind === 'planned' && a.idempotency?.request !== b.idempotency?.request).toBe(true);
  });
});
