// Jest's per-file progress reporter, listed by path so that its summary comes from plain-summary-reporter.js.
module.exports = require('@jest/reporters').DefaultReporter;
