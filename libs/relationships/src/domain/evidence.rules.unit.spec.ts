import {
  CLIENT,
  NOW,
  SUPPLIER,
  asParty,
  deliveryCompleted,
  engagementStarted,
  given,
  invoicePaid,
  priorityServiceGiven,
  recordDelivery,
  recordInvoicePaid,
  recordPriorityService,
  recordReferral,
  referralGiven,
} from '../../test/relationship.given';
import {
  DeliveryAlreadyRecordedError,
  EngagementNotFoundError,
  FactInTheFutureError,
  InvoiceAlreadyRecordedError,
  PartyNotInRelationshipError,
  PriorityServiceAlreadyRecordedError,
  ReferralAlreadyRecordedError,
  SelfDealingError,
} from './relationship.errors';

describe('invoices paid', () => {
  describe('with no invoice recorded', () => {
    it('records an invoice paid before its due date', () => {
      given().when(recordInvoicePaid()).then([invoicePaid()]);
    });

    it('records an invoice paid upfront, due later than now', () => {
      const upfront = { issuedAt: NOW, dueAt: '2026-03-31T00:00:00Z', paidAt: NOW };
      given().when(recordInvoicePaid(upfront)).then([invoicePaid(upfront)]);
    });

    it('refuses a payment dated after now', () => {
      given().when(recordInvoicePaid({ paidAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses an invoice issued after now', () => {
      given().when(recordInvoicePaid({ issuedAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses an invoice of an engagement this relationship does not have', () => {
      given().when(recordInvoicePaid({ engagementId: 'e9' })).then(EngagementNotFoundError);
    });

    it('records an invoice of a started engagement', () => {
      given(engagementStarted()).when(recordInvoicePaid({ engagementId: 'e1' })).then([invoicePaid({ engagementId: 'e1' })]);
    });
  });

  describe('with the invoice already recorded', () => {
    it('records nothing when the same invoice is reported again with the same payload', () => {
      given(invoicePaid()).when(recordInvoicePaid()).then([]);
    });

    it('records nothing when the same instants are spelled differently', () => {
      given(invoicePaid()).when(recordInvoicePaid({ paidAt: '2026-02-27T00:00:00.000Z' })).then([]);
    });

    it('refuses the same invoice id with another amount', () => {
      given(invoicePaid()).when(recordInvoicePaid({ amount: 1300 })).then(InvoiceAlreadyRecordedError);
    });
  });
});

describe('deliveries', () => {
  describe('with no delivery recorded', () => {
    it('records a delivery the client received', () => {
      given().when(recordDelivery()).then([deliveryCompleted()]);
    });

    it('refuses a delivery dated after now', () => {
      given().when(recordDelivery({ deliveredAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses a delivery for an engagement this relationship does not have', () => {
      given().when(recordDelivery({ engagementId: 'e9' })).then(EngagementNotFoundError);
    });
  });

  describe('with the delivery already recorded', () => {
    it('records nothing when the same delivery is reported again', () => {
      given(deliveryCompleted()).when(recordDelivery()).then([]);
    });

    it('refuses the same delivery id with another date', () => {
      given(deliveryCompleted()).when(recordDelivery({ deliveredAt: NOW })).then(DeliveryAlreadyRecordedError);
    });
  });
});

describe('priority service', () => {
  it('records priority service the client received, now when no date is given', () => {
    given().when(recordPriorityService({ givenAt: undefined })).then([priorityServiceGiven({ givenAt: NOW })]);
  });

  it('records nothing when the same priority service is reported again', () => {
    given(priorityServiceGiven()).when(recordPriorityService()).then([]);
  });

  it('refuses the same service id with another description', () => {
    given(priorityServiceGiven())
      .when(recordPriorityService({ description: 'answered the phone' }))
      .then(PriorityServiceAlreadyRecordedError);
  });
});

describe('referrals', () => {
  describe('with no referral recorded', () => {
    it('records a referral the client gave the supplier', () => {
      given().when(recordReferral()).then([referralGiven()]);
    });

    it('records a referral the supplier gave the client, reported by the client', () => {
      given()
        .when(recordReferral({ referrerId: SUPPLIER }, asParty(CLIENT)))
        .then([referralGiven({ referrerId: SUPPLIER })]);
    });

    it('refuses a referrer outside the relationship', () => {
      given().when(recordReferral({ referrerId: 'initech' })).then(PartyNotInRelationshipError);
    });

    it('refuses a referral of one of the two parties: the referred party is a third party', () => {
      given().when(recordReferral({ referredPartyId: CLIENT })).then(SelfDealingError);
    });

    it('refuses a referral dated after now', () => {
      given().when(recordReferral({ givenAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });
  });

  describe('with the referral already recorded', () => {
    it('records nothing when the same referral is reported again', () => {
      given(referralGiven()).when(recordReferral()).then([]);
    });

    it('refuses the same referral id naming another referred party', () => {
      given(referralGiven()).when(recordReferral({ referredPartyId: 'umbrella' })).then(ReferralAlreadyRecordedError);
    });
  });
});
