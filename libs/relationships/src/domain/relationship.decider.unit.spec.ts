import {
  CLIENT,
  SUPPLIER,
  STRANGER,
  SYSTEM,
  asPartner,
  asParty,
  engagementStarted,
  given,
  startEngagement,
  submitFeedback,
} from '../../test/relationship.given';
import { NotAPartyToRelationshipError, SelfDealingError } from './relationship.errors';

describe('a relationship between one supplier and one client', () => {
  describe('whatever the state', () => {
    it('refuses a relationship where the supplier is also the client', () => {
      given()
        .when(startEngagement({ supplierId: SUPPLIER, clientId: SUPPLIER }))
        .then(SelfDealingError);
    });

    it('lets the supplier record in it', () => {
      given().when(startEngagement({}, asParty(SUPPLIER))).then([engagementStarted()]);
    });

    it('lets the client record in it', () => {
      given().when(startEngagement({}, asParty(CLIENT))).then([engagementStarted()]);
    });

    it('lets a partner integration acting for one of the two parties record in it', () => {
      given().when(startEngagement({}, asPartner(CLIENT))).then([engagementStarted()]);
    });

    it('refuses a party outside the relationship', () => {
      given().when(startEngagement({}, asParty(STRANGER))).then(NotAPartyToRelationshipError);
    });

    it('refuses a partner integration acting for a party outside the relationship', () => {
      given().when(startEngagement({}, asPartner(STRANGER))).then(NotAPartyToRelationshipError);
    });

    it('refuses the system recording a fact that belongs to a party', () => {
      given().when(startEngagement({}, SYSTEM)).then(NotAPartyToRelationshipError);
    });
  });

  describe('with an engagement started', () => {
    it('refuses feedback from a party outside the relationship', () => {
      given(engagementStarted())
        .when(submitFeedback({ by: STRANGER, about: SUPPLIER }, asParty(STRANGER)))
        .then(NotAPartyToRelationshipError);
    });

    it('refuses feedback a party gives about itself', () => {
      given(engagementStarted())
        .when(submitFeedback({ by: CLIENT, about: CLIENT }, asParty(CLIENT)))
        .then(SelfDealingError);
    });
  });
});
