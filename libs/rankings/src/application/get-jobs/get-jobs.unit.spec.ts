import { GetJobs, GetJobsHandler, InMemoryJobsLog, JobsForbiddenError } from '#libs/rankings';
import { SettableClock } from '#libs/shared-kernel';

describe('GetJobs', () => {
  const clock = new SettableClock('2026-01-05T00:00:00.000Z');
  const log = new InMemoryJobsLog(clock);
  const done = log.open('propagate-trust', 'r1');
  done.started();
  done.progress({ phase: 'ratings', done: 10, total: 10 });
  done.completed();
  const failing = log.open('reveal-feedback', 'r2');
  failing.started();
  failing.retrying(new Error('store unavailable'));
  const handler = new GetJobsHandler(log);

  it('shows an admin the recent runs, newest first, with their progress and last error', async () => {
    const runs = await handler.execute(new GetJobs({ kind: 'admin', credentialId: 'c', name: 'ops' }));
    expect(runs.map((r) => [r.name, r.state, r.attempts, r.error])).toEqual([
      ['reveal-feedback', 'delayed', 1, 'store unavailable'],
      ['propagate-trust', 'completed', 1, null],
    ]);
    expect(runs[1].progress).toEqual({ percent: 100, phase: 'ratings', done: 10, total: 10 });
    expect(await handler.execute(new GetJobs({ kind: 'admin', credentialId: 'c', name: 'ops' }, { states: ['completed'], limit: 5 }))).toHaveLength(1);
  });

  it('refuses a party or a partner integration', async () => {
    await expect(handler.execute(new GetJobs({ kind: 'party', credentialId: 'c', partyId: 'p' }))).rejects.toBeInstanceOf(JobsForbiddenError);
  });
});
