import { RapportError } from '#libs/shared-kernel';

/**
 * Domain errors of a relationship. Each is thrown with a message naming the things involved and
 * `details` a client can use; `kind` tells transports how to map it.
 */

/** Supplier and client are the same party, or a party names itself where another party belongs. */
export class SelfDealingError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'RELATIONSHIP.SELF_DEALING';
}

/** The actor acts for neither party of the relationship (or is the system recording a party's fact). */
export class NotAPartyToRelationshipError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'RELATIONSHIP.NOT_A_PARTY';
}

/** The actor is a party, but may not record this fact, or not in these terms (see the decider's table). */
export class RecorderNotAllowedError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'RELATIONSHIP.RECORDER_NOT_ALLOWED';
}

/** A payload names, as one of the two parties, someone who is not. */
export class PartyNotInRelationshipError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'RELATIONSHIP.PARTY_NOT_IN_RELATIONSHIP';
}

export class FactInTheFutureError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'RELATIONSHIP.FACT_IN_THE_FUTURE';
}

/** E.g. an engagement ending before it started. */
export class FactOutOfOrderError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'RELATIONSHIP.FACT_OUT_OF_ORDER';
}

export class EngagementAlreadyStartedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.ENGAGEMENT_ALREADY_STARTED';
}

export class EngagementNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'RELATIONSHIP.ENGAGEMENT_NOT_FOUND';
}

export class EngagementNotOpenError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.ENGAGEMENT_NOT_OPEN';
}

/** An ending with a fight still open is not amicable. */
export class AmicableEndingWithOpenDisputeError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.AMICABLE_ENDING_WITH_OPEN_DISPUTE';
}

export class InvoiceAlreadyRecordedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.INVOICE_ALREADY_RECORDED';
}

export class ReferralAlreadyRecordedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.REFERRAL_ALREADY_RECORDED';
}

export class DeliveryAlreadyRecordedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.DELIVERY_ALREADY_RECORDED';
}

export class PriorityServiceAlreadyRecordedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.PRIORITY_SERVICE_ALREADY_RECORDED';
}

export class DisputeAlreadyRaisedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.DISPUTE_ALREADY_RAISED';
}

export class DisputeNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'RELATIONSHIP.DISPUTE_NOT_FOUND';
}

export class DisputeNotOpenError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.DISPUTE_NOT_OPEN';
}

export class LegalActionAlreadyRecordedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.LEGAL_ACTION_ALREADY_RECORDED';
}

export class LegalActionNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'RELATIONSHIP.LEGAL_ACTION_NOT_FOUND';
}

export class LegalActionAlreadyConcludedError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.LEGAL_ACTION_ALREADY_CONCLUDED';
}

/** This direction already gave feedback on this engagement, or this feedback id holds other feedback. */
export class FeedbackAlreadySubmittedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.FEEDBACK_ALREADY_SUBMITTED';
}

/** No event with this id was recorded in this relationship. */
export class FactNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'RELATIONSHIP.FACT_NOT_FOUND';
}

/** Retractions, reveals and feedback stand once recorded. */
export class FactNotRetractableError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.NOT_RETRACTABLE';
}

/** Already retracted, for another reason. */
export class FactAlreadyRetractedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'RELATIONSHIP.FACT_ALREADY_RETRACTED';
}

/** Later facts rest on this one (an ending on its start, feedback on its engagement …): retract those first. */
export class FactHasDependentsError extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'RELATIONSHIP.FACT_HAS_DEPENDENTS';
}
