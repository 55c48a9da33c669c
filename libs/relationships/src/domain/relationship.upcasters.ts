import { createEventUpcaster, type EventVersionRegistry } from '#libs/shared-kernel';
import { relationshipEventSchemas, type RelationshipEvent, type RelationshipEventType } from './relationship.events';

/**
 * Current schema version of every relationship event. Changing a payload's shape means bumping its
 * `current` and adding the step from the old version, e.g.
 * `InvoicePaid: { current: 2, upcasters: { 1: (v1) => ({ ...(v1 as object), vatIncluded: true }) } }`.
 */
export const relationshipEventVersions: EventVersionRegistry<RelationshipEventType> = {
  EngagementStarted: { current: 1 },
  EngagementEnded: { current: 1 },
  InvoicePaid: { current: 1 },
  ReferralGiven: { current: 1 },
  DisputeRaised: { current: 1 },
  DisputeResolved: { current: 1 },
  LegalActionTaken: { current: 1 },
  LegalActionConcluded: { current: 1 },
  DeliveryCompleted: { current: 1 },
  PriorityServiceGiven: { current: 1 },
  FeedbackSubmitted: { current: 1 },
  FeedbackRevealed: { current: 1 },
  FactRetracted: { current: 1 },
};

const upcaster = createEventUpcaster('RELATIONSHIP', relationshipEventSchemas, relationshipEventVersions);

/**
 * A stored relationship event in today's shape, validated by today's schema; throws
 * `UnknownEventTypeError`, `UnsupportedSchemaVersionError` or `MalformedEventError`.
 */
export const upcastRelationshipEvent = (type: string, schemaVersion: number, data: unknown): RelationshipEvent =>
  upcaster.upcast(type, schemaVersion, data);

/** The `schemaVersion` to write in the metadata of a new event of this type. */
export const relationshipEventSchemaVersion = (type: RelationshipEventType): number => upcaster.currentVersion(type);
