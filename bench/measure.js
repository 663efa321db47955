'use strict';
/** What the benchmark scripts share: percentiles, and running one for the sizes on its command line. */

/** The p-th percentile (0–100) of a list of numbers, by nearest rank. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `main(sizes)` for the sizes given on the command line (or `defaults`) and prints its table. */
function runForSizes(main, defaults) {
  const sizes = process.argv.slice(2).map(Number);
  main(sizes.length > 0 ? sizes : defaults).then((out) => process.stdout.write(`${out.table}\n`), (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}

module.exports = { percentile, runForSizes };
