import { CommandValidationError } from '#libs/shared-kernel';
import {
  concludeLegalAction,
  endEngagement,
  raiseDispute,
  recordDelivery,
  recordInvoicePaid,
  recordLegalAction,
  recordPriorityService,
  recordReferral,
  resolveDispute,
  retractFact,
  revealFeedback,
  startEngagement,
  submitFeedback,
} from '../../test/relationship.given';
import { parseRelationshipCommand, type RelationshipCommandType } from './relationship.commands';

const valid: Record<RelationshipCommandType, unknown> = {
  StartEngagement: startEngagement(),
  EndEngagement: endEngagement(),
  RecordInvoicePaid: recordInvoicePaid(),
  RecordReferral: recordReferral(),
  RaiseDispute: raiseDispute(),
  ResolveDispute: resolveDispute(),
  RecordLegalAction: recordLegalAction(),
  ConcludeLegalAction: concludeLegalAction(),
  RecordDelivery: recordDelivery(),
  RecordPriorityService: recordPriorityService(),
  SubmitFeedback: submitFeedback(),
  RevealFeedback: revealFeedback(),
  RetractFact: retractFact(),
};

const issuesOf = (input: unknown) => {
  try {
    parseRelationshipCommand(input);
  } catch (error) {
    if (error instanceof CommandValidationError) return { code: error.code, kind: error.kind, issues: error.issues };
    throw error;
  }
  throw new Error('expected the command to be refused');
};

describe('parsing a relationship command from a transport', () => {
  it.each(Object.entries(valid))('returns a well-formed %s as it is', (_type, command) => {
    expect(parseRelationshipCommand(command)).toEqual(command);
  });

  it('leaves out a time the command may default to now', () => {
    const { startedAt: _startedAt, ...data } = startEngagement().data;
    expect(parseRelationshipCommand({ ...startEngagement(), data }).data).toEqual(data);
  });

  it('refuses an unknown command type as a validation error coded RELATIONSHIP.INVALID_COMMAND', () => {
    expect(issuesOf({ ...startEngagement(), type: 'DeleteRelationship' })).toMatchObject({
      code: 'RELATIONSHIP.INVALID_COMMAND',
      kind: 'validation',
      issues: [{ path: 'type' }],
    });
  });

  it('lists every malformed field with its path', () => {
    const input = { ...recordInvoicePaid(), data: { ...recordInvoicePaid().data, amount: -5, currency: 'euro' } };
    expect(issuesOf(input).issues.map((i) => i.path).sort()).toEqual(['data.amount', 'data.currency']);
  });

  it('refuses a command without its clock', () => {
    const { now: _now, ...withoutNow } = startEngagement();
    expect(issuesOf(withoutNow).issues).toEqual([{ path: 'now', message: expect.any(String) }]);
  });

  it('refuses an actor it does not know', () => {
    expect(issuesOf({ ...startEngagement(), actor: { kind: 'robot' } }).issues[0].path).toBe('actor.kind');
  });

  it('drops a submission time sent with feedback: feedback is submitted at now', () => {
    const parsed = parseRelationshipCommand({ ...submitFeedback(), data: { ...submitFeedback().data, submittedAt: '2020-01-01T00:00:00Z' } });
    expect(parsed.data).not.toHaveProperty('submittedAt');
  });
});
