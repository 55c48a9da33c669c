import { describeEventStoreContract } from '../../contract/event-store.contract';
import { describeWrittenPositions } from '../../contract/written-positions.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('in-memory', async () => new InMemoryEventStore());
describeWrittenPositions('in-memory', async () => new InMemoryEventStore());
