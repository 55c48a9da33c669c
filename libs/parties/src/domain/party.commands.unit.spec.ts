import { CommandValidationError } from '#libs/shared-kernel';
import { registerParty, updatePartyProfile } from '../../test/party.given';
import { parsePartyCommand } from './party.commands';

const refusal = (input: unknown) => {
  try {
    parsePartyCommand(input);
  } catch (error) {
    if (error instanceof CommandValidationError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
};

describe('parsing a party command from a transport', () => {
  it('returns a well-formed registration as it is', () => {
    expect(parsePartyCommand(registerParty())).toEqual(registerParty());
  });

  it('returns a well-formed profile update as it is', () => {
    expect(parsePartyCommand(updatePartyProfile({ name: 'Globex SA' }))).toEqual(updatePartyProfile({ name: 'Globex SA' }));
  });

  it('trims the name', () => {
    expect(parsePartyCommand(registerParty({ name: '  Globex ' })).data).toMatchObject({ name: 'Globex' });
  });

  it('refuses a profile update that changes nothing, coded PARTY.INVALID_COMMAND', () => {
    expect(refusal(updatePartyProfile())).toMatchObject({ code: 'PARTY.INVALID_COMMAND', kind: 'validation' });
  });

  it('refuses a role listed twice', () => {
    expect(refusal(registerParty({ roles: ['client', 'client'] })).issues).toEqual([
      { path: 'data.roles', message: 'list each role once' },
    ]);
  });

  it('refuses a party id that is not a slug', () => {
    expect(refusal(registerParty({ partyId: 'Globex-SA' })).issues.map((i) => i.path)).toEqual(['data.partyId']);
  });
});
