import fc from 'fast-check';
import { logOf, moveArb } from '../../test/arbitrary-log';
import { InMemoryRunner } from '../../test/in-memory-runner';
import { reputationProjections } from './reputation-projections';

const moves = fc.array(moveArb, { minLength: 1, maxLength: 80, size: 'medium' });
const runs = { numRuns: 25 };

const oneByOne = (events: Parameters<InMemoryRunner['run']>[0]) => new InMemoryRunner(reputationProjections).run(events);

describe('rebuilding the reputation read models', () => {
  it('gives the same documents, indexes and lists whether events come one by one or in batches of any size, the whole log included (each settled once)', () => {
    fc.assert(
      fc.property(moves, fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 10 }), (ms, sizes) => {
        const events = logOf(ms);
        expect(new InMemoryRunner(reputationProjections).run(events, sizes).snapshot()).toEqual(oneByOne(events).snapshot());
      }),
      runs,
    );
  });

  it('changes nothing when the whole log is delivered a second time', () => {
    fc.assert(
      fc.property(moves, (ms) => {
        const events = logOf(ms);
        const models = oneByOne(events);
        const once = models.snapshot();
        expect(models.run(events, [7]).snapshot()).toEqual(once);
      }),
      runs,
    );
  });

  it('ignores an event delivered again later, at least once, anywhere after its first delivery', () => {
    fc.assert(
      fc.property(moves, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }), (ms, redeliveries) => {
        const events = logOf(ms);
        fc.pre(events.length > 0);
        const again = (i: number) => redeliveries.filter(([after]) => after % events.length === i).map(([, which]) => events[which % (i + 1)]);
        const withRepeats = events.flatMap((event, i) => [event, ...again(i)]);
        expect(oneByOne(withRepeats).snapshot()).toEqual(oneByOne(events).snapshot());
      }),
      runs,
    );
  });
});
