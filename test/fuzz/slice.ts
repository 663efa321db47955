import type { CampaignReport } from './campaign';

/**
 * The seed of the fixed slices of `npm run fuzz` that run with every test run, one file per front
 * end so that each runs in a process of its own beside the rest of the suite.
 */
export const SLICE_SEED = 20261123;

/**
 * How long a slice may take before it counts as hung: several times what it takes on two busy
 * cores, since the suite's other groups run beside it.
 */
export const SLICE_TIMEOUT_MS = 600_000;

export function failuresOf(report: CampaignReport): string[] {
  return report.failures.map(({ input, problems }) => `${input.origin} (${input.kind}): ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
}
