/** Unit, integration and e2e specs all run from here; `npm test` is the one command. */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(c?js|ts)$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  // Nest 12 ships ESM; Jest on Node 20 cannot load it untransformed. PGlite's CommonJS build calls
  // import(), which Jest's VM refuses without --experimental-vm-modules: SWC turns it into require().
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql)/)'],
  moduleNameMapper: { '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  testTimeout: 60000,
  reporters: ['<rootDir>/tests/support/default-reporter.js', '<rootDir>/tests/support/plain-summary-reporter.js'],
};
