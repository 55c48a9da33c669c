// The architecture's rules, made executable. Pure code (domain folders and the scoring lib)
// imports no framework, driver or Node module, and never reads the clock or randomness:
// commands carry `now`, scoring takes `asOf`.
const tseslint = require('typescript-eslint');

const PURE_CODE = ['libs/*/src/domain/**/*.ts', 'libs/scoring/src/**/*.ts', 'libs/trust/src/**/*.ts'];

const noDeepLibImports = {
  regex: '^#libs/[^/]+/.+',
  message: 'Import a lib only through its index: #libs/<name>.',
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'apps/ingestion/src/generated/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noDeepLibImports] }],
    },
  },
  {
    files: PURE_CODE,
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDeepLibImports,
            {
              group: ['@nestjs/*', 'pg', 'pg-*', 'ioredis', 'bullmq', '@electric-sql/*', '@eventstore/*', '@grpc/*', 'node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'worker_threads'],
              message: 'Pure domain and scoring code imports no framework, driver or Node module.',
            },
            { regex: '^#libs/event-store$', message: 'Pure code does not touch the event store.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code never reads the clock: take `now`/`asOf` as input.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pure code never reads the clock: take `now`/`asOf` as input.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pure code uses no randomness.' },
        { selector: "CallExpression[callee.property.name='randomUUID']", message: 'Pure code makes no random ids: take them as input.' },
        { selector: "MemberExpression[object.name='process']", message: 'Pure code reads no environment.' },
      ],
    },
  },
);
