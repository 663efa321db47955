import fs from 'node:fs';
import { fixtureRuleIds, listFixtures } from '../helpers/fixtures';
import type { CheckResult, Problem } from './engine-target';
import { generatedInputs, mutate, type FuzzInput } from './mutations';
import { Random } from './random';

/** What a campaign did: inputs per kind, the problems found, and the time it took. */
export interface CampaignReport {
  readonly inputs: number;
  readonly kinds: ReadonlyMap<string, number>;
  readonly failures: readonly { readonly input: FuzzInput; readonly problems: readonly Problem[] }[];
  /** Inputs TypeScript itself cannot take (it overflows the stack); the engine did not throw on them. */
  readonly typescriptLimits: readonly FuzzInput[];
  /** Findings reported and suggestions applied over all inputs. */
  readonly findings: number;
  readonly fixes: number;
  readonly milliseconds: number;
}

/** A front end fuzz inputs go through: the engine, ESLint, or the language server. */
export interface Target {
  check(input: FuzzInput): CheckResult | Promise<CheckResult>;
}

/**
 * The inputs of a seeded campaign: the generated ones first, then mutations of every fixture in
 * turn (each fixture's text, mutated once to three times), `count` in all.
 */
export function* campaignInputs(seed: number, count: number): Generator<FuzzInput> {
  const random = new Random(seed);
  const fixtures = fixtureRuleIds().flatMap((ruleId) => listFixtures(ruleId))
    .map((fixture) => ({ origin: `${fixture.ruleId}/${fixture.name}`, text: fs.readFileSync(fixture.file, 'utf8') }));
  let produced = 0;
  for (const input of generatedInputs(random)) {
    if (produced++ >= count) return;
    yield input;
  }
  for (let index = 0; produced < count; index++, produced++) {
    const fixture = fixtures[index % fixtures.length]!;
    yield mutate(fixture.origin, fixture.text, random);
  }
}

/** Runs every input of the campaign through the target; `onFailure` hears of each failing input as it is found. */
export async function runCampaign(target: Target, seed: number, count: number, onFailure?: (input: FuzzInput, problems: readonly Problem[]) => void): Promise<CampaignReport> {
  const started = performance.now();
  const kinds = new Map<string, number>();
  const failures: { input: FuzzInput; problems: readonly Problem[] }[] = [];
  const typescriptLimits: FuzzInput[] = [];
  let inputs = 0;
  let findings = 0;
  let fixes = 0;
  for (const input of campaignInputs(seed, count)) {
    inputs++;
    for (const kind of input.kind.split(' + ')) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const result = await target.check(input);
    const { problems, typescriptLimit } = result;
    findings += result.findings;
    fixes += result.fixes;
    if (typescriptLimit) typescriptLimits.push(input);
    if (problems.length > 0) {
      failures.push({ input, problems });
      onFailure?.(input, problems);
    }
  }
  return { inputs, kinds, failures, typescriptLimits, findings, fixes, milliseconds: performance.now() - started };
}
