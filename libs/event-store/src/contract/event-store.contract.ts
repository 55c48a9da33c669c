import { StoreUnavailableError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { appendContract } from './append.contract';
import { anEvent, collect, rejectionOf, uniquePrefix, type ContractContext } from './contract-support';
import { payloadContract } from './payload.contract';
import { readContract } from './read.contract';
import { subscriptionContract } from './subscription.contract';

/**
 * The port's semantics, written once and run against every adapter with no switch per adapter: an
 * adapter that needs one leaks through the port. `open` must give a store on the same backend each
 * time it is called (the suite opens a second one to test closing); `dispose` ends the suite's store.
 * Tests share the store and keep to streams under prefixes of their own.
 */
export const describeEventStoreContract = (
  name: string,
  open: () => Promise<EventStore>,
  dispose: (store: EventStore) => Promise<void> = (store) => store.close(),
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let shared: EventStore | undefined;
    const context: ContractContext = {
      store: () => {
        if (!shared) throw new Error('the contract suite store did not open');
        return shared;
      },
      openAnother: open,
    };

    beforeAll(async () => {
      shared = await open();
    });

    afterAll(async () => {
      if (shared) await dispose(shared);
    });

    appendContract(context);
    readContract(context);
    subscriptionContract(context);
    payloadContract(context);

    it('refuses work once closed, with StoreUnavailableError', async () => {
      const store = await context.openAnother();
      const streamId = `${uniquePrefix('closed')}s`;
      await store.appendToStream(streamId, [anEvent()]);
      await store.close();
      expect(await rejectionOf(store.appendToStream(streamId, [anEvent()]))).toBeInstanceOf(StoreUnavailableError);
      expect(await rejectionOf(collect(store.readStream(streamId)))).toBeInstanceOf(StoreUnavailableError);
    });
  });
};
