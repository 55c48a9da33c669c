import type { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/access';
import { partyStreamId } from '#libs/parties';
import { DEFAULT_RELATIONSHIP_RULES, RecordRelationshipFact } from '#libs/relationships';
import { PARTY_PROFILE_PROJECTION, type PartyProfileDoc } from '#libs/reputation';
import { DEFAULT_SCORING_POLICY } from '#libs/scoring';
import type { Clock } from '#libs/shared-kernel';
import {
  DEFAULT_TRUST_POLICY,
  NEWCOMER,
  type PartyEvidence,
  type Policies,
  type RaterWeight,
  type TrustWeights,
  rankingEntriesOf,
  recomputeRankings,
  rescoreParty,
} from '#libs/trust';
import { relationshipsWithFeedbackDue } from '../inputs/feedback-due';
import { evidenceFromProfile, rankedPartyIds, readPartyEvidence } from '../inputs/profile-evidence';
import type { RankingReadModels } from '../inputs/ranking-read-models';
import { type PartyStanding, standingOf } from '../leaderboards/current-rating';
import type { LeaderboardStore, RankingRun } from '../leaderboards/leaderboard-store.port';
import { mapChunks } from './chunks';
import { ReadModelBehindError } from './rankings-jobs.errors';

export interface JobProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}
export type OnProgress = (progress: JobProgress) => void | Promise<void>;

export interface RankingsJobsDeps {
  readonly readModels: RankingReadModels;
  readonly leaderboards: LeaderboardStore;
  readonly clock: Clock;
  /** Needed by `revealFeedback` only. */
  readonly commandBus?: Pick<CommandBus, 'execute'>;
}

export interface RankingsJobsOptions {
  readonly policies?: Policies;
  /** Parties per `getDocs` and per write. Default 500. */
  readonly chunkSize?: number;
  /** Chunks read or written at once. Default 2. */
  readonly concurrency?: number;
  /** How long `recomputeParty` waits for the profile read model to reach its event. Default 5 s. */
  readonly waitTimeoutMs?: number;
  readonly revealWindowDays?: number;
}

/** The system, as the jobs act: an admin principal acts as the system, never as a party. */
export const JOBS_PRINCIPAL: Principal = { kind: 'admin', credentialId: 'system:jobs', name: 'rapport-jobs' };

export interface PartyRecomputed {
  readonly partyId: string;
  readonly asOf: string;
  readonly applied: boolean;
  readonly boards: number;
}

export interface RunSummary {
  readonly runId: string;
  readonly asOf: string;
  readonly parties: number;
  readonly applied: number;
  readonly boards?: number;
  readonly movedDuringRun?: number;
  readonly trust?: RankingRun['trust'];
}

const weightsOfTrust = (trust: TrustWeights): Map<string, RaterWeight> =>
  new Map(trust.graph.ids.map((id, i) => [id, { fairness: trust.fairness[i], standing: trust.standing[i] }]));

/**
 * The background jobs as idempotent application functions over ports: the read models they read, the
 * leaderboard store they write, the command bus the reveal goes through. Transports (BullMQ processors,
 * the embedded timers) only call them. Running any of them twice leaves what running it once does.
 */
export class RankingsJobs {
  readonly policies: Policies;
  private readonly chunkSize: number;
  private readonly concurrency: number;
  private readonly waitTimeoutMs: number;
  private readonly revealWindowDays: number;

  constructor(
    private readonly deps: RankingsJobsDeps,
    options: RankingsJobsOptions = {},
  ) {
    this.policies = options.policies ?? { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };
    this.chunkSize = options.chunkSize ?? 500;
    this.concurrency = options.concurrency ?? 2;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 5000;
    this.revealWindowDays = options.revealWindowDays ?? DEFAULT_RELATIONSHIP_RULES.revealWindowDays;
  }

  /** Every ranked party, sorted: what the sweeps and full runs cover. */
  rankedPartyIds(): Promise<string[]> {
    return rankedPartyIds(this.deps.readModels.reader);
  }

  /** How many leaderboards there are. */
  async leaderboardCount(): Promise<number> {
    return (await this.deps.leaderboards.boards()).length;
  }

  /**
   * Once the read models have processed the event at `after` (a run that must see what was recorded
   * before it); throws `ReadModelBehindError` when they are still behind after the wait: retry later.
   */
  async readModelsAt(after: { readonly position: string; readonly streamId: string }): Promise<void> {
    if (!(await this.deps.readModels.waitFor(after.position, after.streamId, this.waitTimeoutMs))) {
      throw new ReadModelBehindError(`The read models have not reached ${after.position} yet`, { position: after.position });
    }
  }

  /**
   * `recompute-party`: once the profile read model has processed `after` (the event that concerns the
   * party), rescores the party with the weights of the last propagation and moves it on the boards.
   * Throws `ReadModelBehindError` when the read model is still behind after the wait: retry later.
   */
  async recomputeParty(input: { readonly partyId: string; readonly after?: string | null; readonly asOf?: string }): Promise<PartyRecomputed> {
    const { partyId } = input;
    if (input.after && !(await this.deps.readModels.waitFor(input.after, partyStreamId(partyId), this.waitTimeoutMs))) {
      throw new ReadModelBehindError(`The party-profile read model has not reached ${input.after} yet`, { partyId, position: input.after });
    }
    const asOf = input.asOf ?? this.deps.clock.now();
    const basedOn = await this.basedOn();
    const [doc] = (await this.deps.readModels.reader.getDocs(PARTY_PROFILE_PROJECTION, [partyId])) as unknown as (PartyProfileDoc | null)[];
    const party: PartyEvidence = doc === null ? { partyId, asClient: null, asSupplier: null } : evidenceFromProfile(doc, this.policies.scoring, asOf);
    const [standing] = await this.standings([party], asOf, basedOn);
    const applied = await this.deps.leaderboards.applyStandings([standing]);
    return { partyId, asOf, applied: applied === 1, boards: standing.entries.length };
  }

  /** A chunk of `decay-sweep`: the parties' ratings and board entries refreshed as of `asOf`, with the stored weights. */
  async refreshParties(input: { readonly partyIds: readonly string[]; readonly asOf: string }, onProgress?: OnProgress): Promise<{ parties: number; applied: number }> {
    const basedOn = await this.basedOn();
    let applied = 0;
    await mapChunks(input.partyIds, this.chunking('refresh', input.partyIds.length, onProgress), async (ids) => {
      const parties = await readPartyEvidence(this.deps.readModels.reader, ids, this.policies.scoring, input.asOf, { chunkSize: ids.length, concurrency: 1 });
      applied += await this.deps.leaderboards.applyStandings(await this.standings(parties, input.asOf, basedOn));
    });
    return { parties: input.partyIds.length, applied };
  }

  /** `decay-sweep`: every current rating and board entry refreshed as of `asOf` (time decay moves scores without new events). */
  async decaySweep(input: { readonly asOf: string; readonly runId: string }, onProgress?: OnProgress): Promise<RunSummary> {
    const startedAt = this.deps.clock.now();
    const ids = await this.rankedPartyIds();
    const { applied } = await this.refreshParties({ partyIds: ids, asOf: input.asOf }, onProgress);
    await this.recordRun({ job: 'decay-sweep', runId: input.runId, asOf: input.asOf, startedAt, parties: ids.length, boards: await this.leaderboardCount() });
    return { runId: input.runId, asOf: input.asOf, parties: ids.length, applied };
  }

  /** `recompute-rankings`: every board rebuilt and swapped in whole, everyone rescored with the stored weights. */
  recomputeRankings(input: { readonly asOf: string; readonly runId: string }, onProgress?: OnProgress): Promise<RunSummary> {
    return this.rebuild('recompute-rankings', input, false, onProgress);
  }

  /** `propagate-trust`: trust propagated to convergence over all evidence, weights stored, every board rebuilt with them. */
  propagateTrust(input: { readonly asOf: string; readonly runId: string }, onProgress?: OnProgress): Promise<RunSummary> {
    return this.rebuild('propagate-trust', input, true, onProgress);
  }

  /**
   * `reveal-feedback`: `RevealFeedback` for every relationship whose sealed feedback's window has passed as
   * of `asOf`, through the command bus as the system. The decider reveals only what is due and not yet
   * revealed, so a second run (or a concurrent one) records nothing more.
   */
  async revealFeedback(input: { readonly asOf: string; readonly runId: string }, onProgress?: OnProgress): Promise<{ runId: string; scanned: number; due: number; revealedEvents: number }> {
    const { commandBus } = this.deps;
    if (commandBus === undefined) throw new Error('revealFeedback needs the command bus');
    const options = { chunkSize: this.chunkSize, concurrency: this.concurrency };
    const { scanned, due } = await relationshipsWithFeedbackDue(this.deps.readModels.reader, input.asOf, this.revealWindowDays, options);
    let revealedEvents = 0;
    await mapChunks(due, this.chunking('reveal', due.length, onProgress, 20), async (refs) => {
      for (const ref of refs) {
        const command = new RecordRelationshipFact(JOBS_PRINCIPAL, { command: { type: 'RevealFeedback', data: { ...ref } } }, `reveal-feedback.${input.runId}`);
        revealedEvents += (await commandBus.execute(command)).eventIds.length;
      }
    });
    return { runId: input.runId, scanned, due: due.length, revealedEvents };
  }

  /** Records a finished run of a job (the BullMQ flow's last step does it for a fanned-out sweep). */
  async recordRun(run: Omit<RankingRun, 'finishedAt' | 'policyVersions'>): Promise<void> {
    const policyVersions = { scoring: this.policies.scoring.version, trust: this.policies.trust.version };
    await this.deps.leaderboards.recordRun({ ...run, finishedAt: this.deps.clock.now(), policyVersions });
  }

  private async rebuild(job: string, { asOf, runId }: { asOf: string; runId: string }, propagate: boolean, onProgress?: OnProgress): Promise<RunSummary> {
    const { leaderboards, readModels } = this.deps;
    const startedAt = this.deps.clock.now();
    await leaderboards.beginRebuild(runId);
    let ended = false;
    try {
      const basedOn = await this.basedOn();
      const ids = await this.rankedPartyIds();
      const parties = await readPartyEvidence(readModels.reader, ids, this.policies.scoring, asOf, this.chunking('read', ids.length, onProgress));
      await onProgress?.({ phase: propagate ? 'trust' : 'score', done: 0, total: 1 });
      const result = recomputeRankings({ parties, asOf, policies: this.policies, ...(propagate ? {} : { weights: await this.weightLookup(parties) }) });
      await onProgress?.({ phase: propagate ? 'trust' : 'score', done: 1, total: 1 });
      const weights = result.trust === null ? null : weightsOfTrust(result.trust);
      await leaderboards.replaceBoards(runId, result.leaderboards, weights, (done, total) => onProgress?.({ phase: 'boards', done, total }));
      const moved = await leaderboards.endRebuild(runId);
      ended = true;
      const standings = parties.map((party) => {
        const scores = result.scores.get(party.partyId) ?? rescoreParty(party, result.weightOf, this.policies, Date.parse(asOf));
        return standingOf(scores, rankingEntriesOf(party, scores), asOf, basedOn, this.policies);
      });
      let applied = 0;
      await mapChunks(standings, this.chunking('ratings', standings.length, onProgress), async (chunk) => {
        applied += await leaderboards.applyStandings(chunk);
      });
      for (const partyId of moved) await this.recomputeParty({ partyId, asOf });
      const trust = result.trust === null ? undefined : { ...result.trust.iterations, converged: result.trust.converged };
      await this.recordRun({ job, runId, asOf, startedAt, parties: parties.length, boards: result.leaderboards.size, ...(trust && { trust }) });
      return { runId, asOf, parties: parties.length, applied, boards: result.leaderboards.size, movedDuringRun: moved.length, ...(trust && { trust }) };
    } finally {
      if (!ended) await leaderboards.endRebuild(runId).catch(() => undefined);
    }
  }

  private chunking(phase: string, total: number, onProgress?: OnProgress, chunkSize = this.chunkSize) {
    return { chunkSize, concurrency: this.concurrency, onChunk: (done: number) => onProgress?.({ phase, done, total }) };
  }

  private async basedOn(): Promise<string | null> {
    return (await this.deps.readModels.checkpoint?.(PARTY_PROFILE_PROJECTION)) ?? null;
  }

  /** The stored rater weights of every counterparty the parties' evidence names; a party without one is a newcomer. */
  private async weightLookup(parties: readonly PartyEvidence[]): Promise<(partyId: string) => RaterWeight> {
    const ids = new Set<string>();
    for (const party of parties) for (const items of [party.asClient, party.asSupplier]) for (const item of items ?? []) ids.add(item.counterpartyId);
    const weights = await this.deps.leaderboards.weightsOf([...ids]);
    return (partyId) => weights.get(partyId) ?? NEWCOMER;
  }

  private async standings(parties: readonly PartyEvidence[], asOf: string, basedOn: string | null): Promise<PartyStanding[]> {
    const weightOf = await this.weightLookup(parties);
    const asOfMs = Date.parse(asOf);
    return parties.map((party) => {
      const scores = rescoreParty(party, weightOf, this.policies, asOfMs);
      return standingOf(scores, rankingEntriesOf(party, scores), asOf, basedOn, this.policies);
    });
  }
}
