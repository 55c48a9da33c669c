import { InMemoryReadStore } from '#libs/projector';
import { describeReadStoreContract } from '../../../test/read-store.contract';

describeReadStoreContract('In-memory', () => new InMemoryReadStore());
