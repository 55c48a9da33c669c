/**
 * How well Rapport's ratings predict real ratings: the Bitcoin Alpha trust network (issue #6).
 *
 *   data     ../shared/data/bitcoin-alpha/soc-sign-bitcoinalpha.csv (ALPHA_CSV overrides), ratings scaled to [−1, 1]
 *   splits   a seeded 10% random hold-out; and the last 10% by time predicted from the earlier 90%
 *   replay   each split's training rows as domain commands (alpha-commands.ts: RegisterParty, StartEngagement,
 *            SubmitFeedback at the row's time, RevealFeedback when a window passes) sent through the command
 *            handlers on the CommandBus of a Nest application context (command-context.ts: the event store
 *            module on an in-memory store, a clock set to each command's `now`, access), each as its actor's
 *            principal (command-sink.ts); the models learn from the events read back from the store. The same
 *            models on the rows directly are printed next to it
 *   models   fxg: fairness(u) × goodness(v) (Kumar et al. 2016); rapport: Rapport's feedback component for v,
 *            its raters weighed by fairness and standing; rapportPlain: the same with every rater alike;
 *            goodness: goodness(v) alone
 *
 * Writes bench/results/alpha.json: the required figures for Rapport's own score, and every model's figures.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RELATIONSHIP_RULES } from '#libs/relationships';
import { type RatingEdge, feedbackEdges } from '#libs/trust';
import { type AlphaRating, type Split, parseAlpha, pearson, randomHoldout, rmse, temporalSplit } from './alpha-dataset';
import { alphaCommands, partyIdOf } from './alpha-commands';
import { startCommandContext } from './command-context';
import { commandBusSink, recordedRelationshipEvents } from './command-sink';
import { type Predictor, fairnessGoodnessModels, feedbackFromEdges, feedbackFromEvents, rapportModels } from './models';
import { writeBenchResults } from '../support/results';

const ROOT = join(__dirname, '..', '..', '..');
const CSV = process.env.ALPHA_CSV ?? join(ROOT, '..', 'shared', 'data', 'bitcoin-alpha', 'soc-sign-bitcoinalpha.csv');
const SHA256 = '7af11340d137e7320d180ac49debc9ff4cd182d12c540632ac838bd57c1d91ac';
const SEED = 2016;
const WINDOW_DAYS = DEFAULT_RELATIONSHIP_RULES.revealWindowDays;
const DAY_MS = 86_400_000;

const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

interface Figures {
  readonly rmse: number;
  readonly pearson: number;
}

const evaluate = (models: readonly Predictor[], test: readonly AlphaRating[]): Record<string, Figures> => {
  const actual = test.map((r) => r.value);
  return Object.fromEntries(
    models.map((m) => {
      const predicted = test.map((r) => m.predict(partyIdOf(r.source), partyIdOf(r.target)));
      return [m.name, { rmse: round(rmse(predicted, actual)), pearson: round(pearson(predicted, actual)) }];
    }),
  );
};

const modelsFor = (edges: readonly RatingEdge[], feedback: ReturnType<typeof feedbackFromEdges>, asOfMs: number): Predictor[] => {
  const { fxg, goodness, fairnessOf } = fairnessGoodnessModels(edges);
  const { rapport, rapportPlain } = rapportModels(feedback, edges, asOfMs);
  const raterFairnessTimesRapport: Predictor = { name: 'raterFairnessTimesRapport', predict: (u, v) => fairnessOf(u) * rapport.predict(u, v) };
  return [fxg, rapport, rapportPlain, raterFairnessTimesRapport, goodness];
};

/**
 * The random hold-out lets every training rating's reveal window pass, as a leave-out evaluation assumes
 * the rest of the network known; the temporal split stops at its cut, where feedback still inside its
 * window with no reply is hidden, as it would be on the platform that day.
 */
const asOfFor = (split: Split) => (split.name === 'holdout' ? split.asOfMs + WINDOW_DAYS * DAY_MS : split.asOfMs);

/** The split's training rows replayed as commands through the handlers; the models learn from what the store recorded. */
const throughEvents = async (split: Split, refusals: Map<string, number>) => {
  const asOfMs = asOfFor(split);
  const context = await startCommandContext();
  const sink = commandBusSink(context.commandBus, context.clock, refusals);
  let commands = 0;
  for (const command of alphaCommands(split.train, { revealWindowDays: WINDOW_DAYS, untilMs: asOfMs })) {
    await sink(command);
    commands += 1;
  }
  const events = await recordedRelationshipEvents(context.store);
  await context.close();
  const edges = feedbackEdges(events, asOfMs);
  return { commands, events: events.length, edges, models: modelsFor(edges, feedbackFromEvents(events, new Date(asOfMs).toISOString()), asOfMs) };
};

const direct = (split: Split) => {
  const edges = split.train.map((r) => ({ rater: partyIdOf(r.source), ratee: partyIdOf(r.target), value: r.value, at: r.atMs }));
  return modelsFor(edges, feedbackFromEdges(edges), asOfFor(split));
};

const main = async () => {
  const text = readFileSync(CSV);
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== SHA256) say(`warning: ${CSV} has SHA-256 ${sha}, not the ${SHA256} its README gives`);
  const rows = parseAlpha(text.toString('utf8'));
  say(`Bitcoin Alpha: ${rows.length.toLocaleString('en')} ratings among ${new Set(rows.flatMap((r) => [r.source, r.target])).size.toLocaleString('en')} members`);
  const refusals = new Map<string, number>();
  const results: Record<string, { events: Record<string, Figures>; direct: Record<string, Figures>; trainEdges: number; testEdges: number; commands: number; recordedEvents: number }> = {};
  for (const split of [randomHoldout(rows, 0.1, SEED), temporalSplit(rows, 0.1)]) {
    const started = performance.now();
    const replay = await throughEvents(split, refusals);
    say(`${split.name}: ${replay.commands.toLocaleString('en')} commands → ${replay.events.toLocaleString('en')} events, ${replay.edges.length.toLocaleString('en')} revealed feedback edges of ${split.train.length.toLocaleString('en')} training rows (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    results[split.name] = {
      events: evaluate(replay.models, split.test),
      direct: evaluate(direct(split), split.test),
      trainEdges: replay.edges.length,
      testEdges: split.test.length,
      commands: replay.commands,
      recordedEvents: replay.events,
    };
  }
  say(`refused commands: ${refusals.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(refusals))}`);
  say('');
  say('| model | hold-out RMSE | hold-out r | temporal RMSE | temporal r | (rows directly: hold-out RMSE, r · temporal RMSE, r) |');
  say('|---|---|---|---|---|---|');
  for (const name of Object.keys(results.holdout.events)) {
    const [h, t, hd, td] = [results.holdout.events[name], results.temporal.events[name], results.holdout.direct[name], results.temporal.direct[name]];
    say(`| ${name} | ${h.rmse} | ${h.pearson} | ${t.rmse} | ${t.pearson} | ${hd.rmse}, ${hd.pearson} · ${td.rmse}, ${td.pearson} |`);
  }
  say('published, Fairness × Goodness leave-one-out: RMSE 0.27, r 0.41');
  const own = { holdout: results.holdout.events.rapport, temporal: results.temporal.events.rapport };
  const figures = {
    holdoutRmse: own.holdout.rmse,
    holdoutPearson: own.holdout.pearson,
    temporalPearson: own.temporal.pearson,
    model: 'rapport: the feedback component of the rated party, raters weighed by fairness × standing',
    path: 'training rows replayed as commands through the command handlers (CommandBus of a Nest application context, in-memory event store, clock set to each command, principals from the actors), models fed from the events read back',
    temporalRmse: own.temporal.rmse,
    split: { holdoutShare: 0.1, seed: SEED, temporalShare: 0.1 },
    models: results,
  };
  await writeBenchResults('alpha', figures);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
