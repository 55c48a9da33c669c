import { alreadySatisfied, refuseFuture } from './relationship.checks';
import type { RelationshipCommandOf } from './relationship.commands';
import {
  DeliveryAlreadyRecordedError,
  InvoiceAlreadyRecordedError,
  PriorityServiceAlreadyRecordedError,
  ReferralAlreadyRecordedError,
  SelfDealingError,
} from './relationship.errors';
import type { RelationshipEvent } from './relationship.events';
import { actingIn, refuseSelfPraise, requireInRelationship } from './relationship.permissions';
import type { RelationshipState } from './relationship.state';
import { requireEngagement } from './engagement.rules';

/** Checkable facts that speak for one side: each is taken from the other side or an attested partner. */

export const recordInvoicePaid = (
  { data, now, actor }: RelationshipCommandOf<'RecordInvoicePaid'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  refuseSelfPraise(actingIn(data, actor), data.clientId, `Invoice ${data.invoiceId} paid`);
  refuseFuture(now, { paidAt: data.paidAt, issuedAt: data.issuedAt });
  const conflict = () =>
    new InvoiceAlreadyRecordedError(`Invoice ${data.invoiceId} was recorded with other content`, {
      invoiceId: data.invoiceId,
    });
  if (alreadySatisfied(state.things.invoice.get(data.invoiceId)?.opening, data, conflict)) return [];
  if (data.engagementId !== undefined) requireEngagement(state, data.engagementId);
  return [{ type: 'InvoicePaid', data }];
};

export const recordDelivery = (
  { data, now, actor }: RelationshipCommandOf<'RecordDelivery'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  refuseSelfPraise(actingIn(data, actor), data.supplierId, `Delivery ${data.deliveryId}`);
  refuseFuture(now, { deliveredAt: data.deliveredAt });
  const conflict = () =>
    new DeliveryAlreadyRecordedError(`Delivery ${data.deliveryId} was recorded with other content`, {
      deliveryId: data.deliveryId,
    });
  if (alreadySatisfied(state.things.delivery.get(data.deliveryId)?.opening, data, conflict)) return [];
  if (data.engagementId !== undefined) requireEngagement(state, data.engagementId);
  return [{ type: 'DeliveryCompleted', data }];
};

export const recordPriorityService = (
  { data, now, actor }: RelationshipCommandOf<'RecordPriorityService'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  refuseSelfPraise(actingIn(data, actor), data.supplierId, `Priority service ${data.serviceId}`);
  const givenAt = data.givenAt ?? now;
  refuseFuture(now, { givenAt });
  const conflict = () =>
    new PriorityServiceAlreadyRecordedError(`Priority service ${data.serviceId} was recorded with other content`, {
      serviceId: data.serviceId,
    });
  if (alreadySatisfied(state.things.priorityService.get(data.serviceId)?.opening, data, conflict)) return [];
  return [{ type: 'PriorityServiceGiven', data: { ...data, givenAt } }];
};

/** Either side may refer business to the other; the referred party is always a third party. */
export const recordReferral = (
  { data, now, actor }: RelationshipCommandOf<'RecordReferral'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  const acting = actingIn(data, actor);
  requireInRelationship(data, 'referrerId', data.referrerId);
  if (data.referredPartyId === data.supplierId || data.referredPartyId === data.clientId) {
    throw new SelfDealingError(`A referral names a third party, not ${data.referredPartyId}`, {
      referredPartyId: data.referredPartyId,
    });
  }
  refuseSelfPraise(acting, data.referrerId, `Referral ${data.referralId}`);
  const givenAt = data.givenAt ?? now;
  refuseFuture(now, { givenAt });
  const conflict = () =>
    new ReferralAlreadyRecordedError(`Referral ${data.referralId} was recorded with other content`, {
      referralId: data.referralId,
    });
  if (alreadySatisfied(state.things.referral.get(data.referralId)?.opening, data, conflict)) return [];
  return [{ type: 'ReferralGiven', data: { ...data, givenAt } }];
};
