import { runProjectorProcess } from './projector-process';
import { projections } from './projections';

runProjectorProcess(projections, process.env).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), name: 'projector', msg: 'projector failed to start', error: String(error) }));
    process.exit(1);
  },
);
