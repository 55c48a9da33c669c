import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const GENERATED = 'apps/ingestion/src/generated';
const BIN = join(ROOT, 'node_modules', '.bin');

const buf = (...args: string[]): string =>
  execFileSync(join(BIN, 'buf'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` },
  });

const filesUnder = (dir: string): Map<string, string> => {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
};

/** proto/ is the source of truth: the committed TypeScript must be exactly what `npm run proto:generate` writes. */
describe('the ingestion contract', () => {
  it('passes buf lint (STANDARD)', () => {
    expect(() => buf('lint')).not.toThrow();
  });

  it('matches the committed generated code', () => {
    const out = mkdtempSync(join(tmpdir(), 'rapport-proto-'));
    try {
      buf('generate', '--output', out);
      const fresh = filesUnder(join(out, GENERATED));
      const committed = filesUnder(join(ROOT, GENERATED));
      expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
      for (const [path, content] of fresh) {
        expect({ path, content: committed.get(path) }).toEqual({ path, content });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
