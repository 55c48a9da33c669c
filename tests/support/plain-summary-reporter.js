const { SummaryReporter } = require('@jest/reporters');

/**
 * Jest's own summary, then its totals once more as a plain closing line,
 * `Tests: N passed, N failed, N skipped`, which CI and people read without parsing Jest's layout.
 */
class PlainSummaryReporter extends SummaryReporter {
  onRunComplete(contexts, results) {
    super.onRunComplete(contexts, results);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = PlainSummaryReporter;
