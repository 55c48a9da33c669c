/** One line of a party's timeline (list `timeline:<partyId>`), as the projection appends it. */
export type TimelineEntry = {
  eventId: string;
  type: string;
  /** When the fact happened; also the entry's score in the list (in ms). */
  at: string;
  streamId: string;
  summary: string;
  /** The other party of a relationship fact; null for the party's own profile facts. */
  counterpartyId: string | null;
  /** Recorded by a partner integration rather than self-reported. */
  attested: boolean;
  recordedBy: string;
  /** On a retraction: the event it takes back. */
  retractedEventId: string | null;
  /** On a reveal: the feedback that became visible (what it says is in the relationship document). */
  feedbackIds: string[] | null;
};

/** One retraction of a party's facts (list `timeline-retractions:<partyId>`), to mark the entry it retracts. */
export type TimelineRetraction = {
  retractedEventId: string;
  retractionEventId: string;
  retractedBy: string;
  reason: string;
  at: string;
};
