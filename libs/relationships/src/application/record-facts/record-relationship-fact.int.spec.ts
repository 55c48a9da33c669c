import type { Principal } from '#libs/access';
import { relationshipStreamId, RelationshipsModule, type RelationshipCommandInput } from '../..';
import { ADAPTERS, ADMIN, aParty, asParty, NOW, readStream, refusalOf, useCommandApp } from '../../../../access/test/command-app';
import { RecordRelationshipFact } from './record-relationship-fact';

describe.each(ADAPTERS)('recording a relationship fact through the command bus (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [RelationshipsModule]);
  let supplier: string;
  let client: string;
  let streamId: string;

  beforeEach(() => {
    supplier = aParty('acme');
    client = aParty('globex');
    streamId = relationshipStreamId(supplier, client);
    suite.app.clock.set(NOW);
  });

  const rel = () => ({ supplierId: supplier, clientId: client });
  const record = (principal: Principal, command: RelationshipCommandInput, options: { idempotencyKey?: string; onBehalfOf?: string } = {}) =>
    suite.app.commandBus.execute(new RecordRelationshipFact(principal, { command, ...options }));

  it('records every kind of fact, each answering its event ids and the stream’s new revision', async () => {
    const asSupplier = asParty(supplier);
    const asClient = asParty(client);
    const answers = [
      await record(asSupplier, { type: 'StartEngagement', data: { ...rel(), engagementId: 'e1', paymentTermsDays: 30 } }),
      await record(asSupplier, { type: 'RecordInvoicePaid', data: { ...rel(), engagementId: 'e1', invoiceId: 'i1', amount: 1200, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' } }),
      await record(asSupplier, { type: 'RecordReferral', data: { ...rel(), referralId: 'r1', referrerId: client, referredPartyId: 'hooli' } }),
      await record(asClient, { type: 'RecordDelivery', data: { ...rel(), deliveryId: 'd1', dueAt: '2026-02-20T00:00:00Z', deliveredAt: '2026-02-19T00:00:00Z' } }),
      await record(asClient, { type: 'RecordPriorityService', data: { ...rel(), serviceId: 's1', description: 'restored the site on a Sunday' } }),
      await record(asClient, { type: 'RaiseDispute', data: { ...rel(), disputeId: 'x1', raisedBy: client, reason: 'late delivery' } }),
      await record(asClient, { type: 'RecordLegalAction', data: { ...rel(), legalActionId: 'l1', takenBy: supplier, kind: 'formal_notice', grounds: 'review', disputeId: 'x1' } }),
      await record(asClient, { type: 'ConcludeLegalAction', data: { ...rel(), legalActionId: 'l1', outcome: 'settled' } }),
      await record(asClient, { type: 'ResolveDispute', data: { ...rel(), disputeId: 'x1', outcome: 'settled' } }),
      await record(asClient, { type: 'EndEngagement', data: { ...rel(), engagementId: 'e1', endedBy: client, reason: 'project done', amicable: true, handoverArranged: true } }),
      await record(asClient, { type: 'SubmitFeedback', data: { ...rel(), engagementId: 'e1', feedbackId: 'f1', by: client, about: supplier, ratings: { quality: 5 } } }),
    ];
    suite.app.clock.set('2026-03-20T12:00:00.000Z');
    answers.push(await record(ADMIN, { type: 'RevealFeedback', data: rel() }));
    answers.push(await record(asSupplier, { type: 'RetractFact', data: { ...rel(), retractedEventId: answers[2].eventIds[0], reason: 'recorded twice' } }));

    expect(answers.map((a) => a.revision)).toEqual([...Array(13).keys()]);
    expect(answers.every((a) => a.streamId === streamId && a.eventIds.length === 1 && !a.replayed)).toBe(true);
    const stored = await readStream(suite.store, streamId);
    expect(stored.map((e) => e.id)).toEqual(answers.flatMap((a) => a.eventIds));
    expect(stored.map((e) => e.type)).toEqual([
      'EngagementStarted', 'InvoicePaid', 'ReferralGiven', 'DeliveryCompleted', 'PriorityServiceGiven', 'DisputeRaised',
      'LegalActionTaken', 'LegalActionConcluded', 'DisputeResolved', 'EngagementEnded', 'FeedbackSubmitted', 'FeedbackRevealed', 'FactRetracted',
    ]);
    expect(stored[0].data).toMatchObject({ startedAt: NOW });
    expect(stored[0].metadata).toMatchObject({ recordedBy: supplier, source: 'party', attested: false, schemaVersion: 1 });
    expect(stored[11].metadata).toMatchObject({ recordedBy: 'system', source: 'system' });
    expect(stored[12].data).toMatchObject({ retractedBy: supplier, retractedAt: '2026-03-20T12:00:00.000Z' });
  });

  it('answers where to wait for the write: the position of its event in the log', async () => {
    const answer = await record(asParty(supplier), { type: 'StartEngagement', data: { ...rel(), engagementId: 'e1', paymentTermsDays: 30 } });
    const [stored] = await readStream(suite.store, streamId);
    expect(answer.position).toBe(`${stored.position.commit}/${stored.position.prepare}`);
  });

  it('records the submission and the reveal when the second side gives feedback', async () => {
    await record(asParty(supplier), { type: 'StartEngagement', data: { ...rel(), engagementId: 'e1', paymentTermsDays: 30 } });
    await record(asParty(client), { type: 'SubmitFeedback', data: { ...rel(), engagementId: 'e1', feedbackId: 'fc', by: client, about: supplier, ratings: { quality: 4 } } });
    const answer = await record(asParty(supplier), { type: 'SubmitFeedback', data: { ...rel(), engagementId: 'e1', feedbackId: 'fs', by: supplier, about: client, ratings: { fairness: 5 } } });

    expect(answer).toMatchObject({ revision: 3, replayed: false });
    expect(answer.eventIds).toHaveLength(2);
    expect((await readStream(suite.store, streamId)).slice(2).map((e) => e.type)).toEqual(['FeedbackSubmitted', 'FeedbackRevealed']);
  });

  it('refuses a malformed command, naming the field', async () => {
    const error = await refusalOf(record(asParty(supplier), { type: 'StartEngagement', data: { ...rel(), engagementId: 'e1', paymentTermsDays: -1 } }));
    expect(error).toMatchObject({ kind: 'validation', code: 'RELATIONSHIP.INVALID_COMMAND', issues: [expect.objectContaining({ path: 'data.paymentTermsDays' })] });
    expect(await readStream(suite.store, streamId)).toEqual([]);
  });

  it('refuses an unknown command type as malformed', async () => {
    const error = await refusalOf(record(asParty(supplier), { type: 'ForgetEverything', data: rel() } as unknown as RelationshipCommandInput));
    expect(error).toMatchObject({ kind: 'validation', code: 'RELATIONSHIP.INVALID_COMMAND' });
  });

  it('passes a domain refusal through with its kind and code', async () => {
    const error = await refusalOf(record(asParty(client), { type: 'EndEngagement', data: { ...rel(), engagementId: 'nope', endedBy: client, reason: '', amicable: true, handoverArranged: false } }));
    expect(error).toMatchObject({ kind: 'not-found', code: 'RELATIONSHIP.ENGAGEMENT_NOT_FOUND' });
  });
});
