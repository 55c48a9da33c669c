import { streamCounterProjection } from '../../../libs/projector/test/stream-counter.projection';
import { runProjectorProcess } from '../src/projector-process';

// The projector process as main.ts runs it, with the test projection in place of the app's list.
const streams = process.env.E2E_STREAM_PREFIX;
if (!streams) throw new Error('E2E_STREAM_PREFIX is not set');
runProjectorProcess([streamCounterProjection(streams)], process.env).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
