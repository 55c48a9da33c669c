import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The source tree's bench/results/: benches run compiled, from dist/bench/, and write their figures there. */
const RESULTS_DIR = join(__dirname, '..', '..', '..', 'bench', 'results');

/** Writes a bench's figures to bench/results/<name>.json, as the README quotes them. */
export const writeBenchResults = async (name: string, figures: object): Promise<void> => {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
};
