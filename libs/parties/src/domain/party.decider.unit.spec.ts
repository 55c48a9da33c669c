import { NOW, PARTY, SYSTEM, asParty, given, partyProfileUpdated, partyRegistered, registerParty, updatePartyProfile } from '../../test/party.given';
import { NotAllowedToManagePartyError, PartyAlreadyRegisteredError, PartyNotRegisteredError } from './party.errors';

describe('a party', () => {
  describe('not registered yet', () => {
    it('registers itself with its profile, now', () => {
      given().when(registerParty()).then([partyRegistered({ registeredAt: NOW })]);
    });

    it('is registered by the system, e.g. when onboarding', () => {
      given().when(registerParty({}, SYSTEM)).then([partyRegistered({ registeredAt: NOW })]);
    });

    it('is not registered by another party', () => {
      given().when(registerParty({}, asParty('acme'))).then(NotAllowedToManagePartyError);
    });

    it('is not registered by a partner integration acting for it: identity is the party’s own', () => {
      given().when(registerParty({}, { kind: 'partner', partnerId: 'ledgerly', onBehalfOf: PARTY })).then(NotAllowedToManagePartyError);
    });

    it('cannot have its profile updated', () => {
      given().when(updatePartyProfile({ name: 'Globex SA' })).then(PartyNotRegisteredError);
    });
  });

  describe('registered', () => {
    it('records nothing when registered again with the same profile', () => {
      given(partyRegistered()).when(registerParty()).then([]);
    });

    it('records nothing when registered again with its roles in another order', () => {
      given(partyRegistered({ roles: ['client', 'supplier'] })).when(registerParty({ roles: ['supplier', 'client'] })).then([]);
    });

    it('refuses a second registration with another profile', () => {
      given(partyRegistered()).when(registerParty({ name: 'Globex SA' })).then(PartyAlreadyRegisteredError);
    });

    it('updates its profile, recording only the fields that change', () => {
      given(partyRegistered())
        .when(updatePartyProfile({ name: 'Globex SA', region: 'FR' }))
        .then([partyProfileUpdated({ name: 'Globex SA' })]);
    });

    it('records nothing when the update changes nothing', () => {
      given(partyRegistered()).when(updatePartyProfile({ name: 'Globex', roles: ['client'] })).then([]);
    });

    it('has its profile updated by the system', () => {
      given(partyRegistered()).when(updatePartyProfile({ industry: 'utilities' }, SYSTEM)).then([partyProfileUpdated({ industry: 'utilities' })]);
    });

    it('does not have its profile updated by another party', () => {
      given(partyRegistered()).when(updatePartyProfile({ name: 'Globex SA' }, asParty('acme'))).then(NotAllowedToManagePartyError);
    });
  });

  describe('registered, then updated', () => {
    it('compares an update with the latest profile', () => {
      given(partyRegistered(), partyProfileUpdated({ roles: ['client', 'supplier'] }))
        .when(updatePartyProfile({ roles: ['supplier', 'client'] }))
        .then([]);
    });
  });
});
