import { ESLint } from 'eslint';

/** Proves the lint rules bite: the same code passes outside pure folders and fails inside them. */
// The config is passed in rather than loaded by path: ESLint loads config files with import(), which Jest's VM refuses.
const projectConfig = require('../../eslint.config.js');

const lint = async (filePath: string, code: string): Promise<string[]> => {
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: projectConfig });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.message);
};

const DOMAIN_FILE = 'libs/relationships/src/domain/example.decider.ts';
const SCORING_FILE = 'libs/scoring/src/example.ts';
const ADAPTER_FILE = 'libs/event-store/src/adapters/example.ts';

describe('pure code boundaries', () => {
  it.each([
    ['a framework', "import { Injectable } from '@nestjs/common';"],
    ['a database driver', "import { Pool } from 'pg';"],
    ['a Node module', "import { readFileSync } from 'node:fs';"],
    ['the event store', "import { EventStore } from '#libs/event-store';"],
  ])('refuses an import of %s in domain code', async (_what, code) => {
    expect(await lint(DOMAIN_FILE, `${code}\nexport const x = 1;\n`)).toEqual([expect.stringMatching(/imports no|does not touch/)]);
  });

  it.each([
    ['the clock', 'export const now = () => Date.now();'],
    ['the clock by construction', 'export const now = () => new Date();'],
    ['randomness', 'export const pick = () => Math.random();'],
    ['random ids', 'export const id = () => crypto.randomUUID();'],
    ['the environment', 'export const env = () => process.env.X;'],
  ])('refuses reading %s in scoring code', async (_what, code) => {
    expect(await lint(SCORING_FILE, code)).toHaveLength(1);
  });

  it('accepts a date built from an input', async () => {
    expect(await lint(SCORING_FILE, 'export const at = (iso: string) => new Date(iso);')).toEqual([]);
  });

  it('lets adapters use drivers and the clock', async () => {
    expect(await lint(ADAPTER_FILE, "import { Pool } from 'pg';\nexport const t = (p: Pool) => [p, Date.now()];\n")).toEqual([]);
  });

  it('refuses a deep import into another lib anywhere', async () => {
    expect(await lint(ADAPTER_FILE, "import { x } from '#libs/scoring/src/x';\nexport const y = x;\n")).toEqual([
      expect.stringMatching(/only through its index/),
    ]);
  });
});
