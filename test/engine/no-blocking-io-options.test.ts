import assert from 'node:assert/strict';
import ts from 'typescript';
import { applyEdits, runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import { programForSource } from '../helpers/fixtures';

const RULE = 'no-blocking-io';
/** Every async function counts, so that the code below needs no handler around it. */
const BROAD = { checkAsyncFunctions: true };

function findingsOf(text: string, options?: object): readonly Finding[] {
  const { program, sourceFile } = programForSource(text);
  const errors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  assert.deepEqual(errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')), [], 'the input type-checks');
  return runRules(sourceFile, program, { rules: { [RULE]: options ? ['warn', options] : 'warn' } }).findings;
}

/** Applies the only suggestion of the only finding; the result must type-check and not be reported again. */
function fixOnce(text: string): string {
  const [finding, ...rest] = findingsOf(text, BROAD);
  assert.equal(rest.length, 0);
  const [suggestion] = finding!.suggestions;
  assert.ok(suggestion, 'a suggestion is offered');
  const output = applyEdits(text, suggestion.edits());
  assert.deepEqual(findingsOf(output, BROAD), [], `the fix is not reported again:\n${output}`);
  return output;
}

describe('no-blocking-io options and fixes', () => {
  const USER_CALL = `declare function querySync(sql: string): unknown[];
export async function countUsers(): Promise<number> {
  return querySync('SELECT id FROM users').length;
}
`;

  it('reports the user\'s own blockingCalls, naming what to use instead', () => {
    assert.deepEqual(findingsOf(USER_CALL, BROAD), []);
    const findings = findingsOf(USER_CALL, { ...BROAD, blockingCalls: [{ specifier: { from: 'file', name: 'querySync' }, suggestion: 'query' }] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^`querySync` blocks the event loop in an async function: .* Use `query` instead\.$/u);
  });

  it('leaves the calls in allow alone, and only those', () => {
    const text = `import { existsSync, readFileSync } from 'node:fs';
export async function load(path: string): Promise<string> {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
`;
    assert.deepEqual(findingsOf(text, BROAD).map((finding) => finding.message.split('`')[1]), ['existsSync', 'readFileSync']);
    const allowed = findingsOf(text, { ...BROAD, allow: [{ from: 'package', package: 'fs', name: 'existsSync' }] });
    assert.deepEqual(allowed.map((finding) => finding.message.split('`')[1]), ['readFileSync']);
  });

  it('treats functions passed to the user\'s handlers as request handlers', () => {
    const text = `import { readFileSync } from 'node:fs';
declare function registerRoute(path: string, handle: (body: string) => string): void;
registerRoute('/banner', (body) => body + readFileSync('banner.txt', 'utf8'));
`;
    assert.deepEqual(findingsOf(text), [], 'a sync callback of an unknown function is not a handler');
    const findings = findingsOf(text, { handlers: [{ from: 'file', name: 'registerRoute' }] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /in a handler registered with `registerRoute`:/u);
  });

  it('adds the twin to an existing import of fs/promises', () => {
    const output = fixOnce(`import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
export async function copy(from: string, to: string): Promise<void> {
  await writeFile(to, readFileSync(from));
}
`);
    assert.match(output, /import \{ writeFile, readFile \} from 'node:fs\/promises';/u);
    assert.match(output, /await writeFile\(to, await readFile\(from\)\);/u);
  });

  it('imports the twin under another name when its own is taken', () => {
    const output = fixOnce(`import { readFile, readFileSync } from 'fs';
export async function both(path: string): Promise<string> {
  readFile(path, () => undefined);
  return readFileSync(path, 'utf8');
}
`);
    assert.match(output, /import \{ readFile as readFile2 \} from 'fs\/promises';/u);
    assert.match(output, /return await readFile2\(path, 'utf8'\);/u);
  });

  it('offers no fix where await cannot stand', () => {
    const text = `import { readFileSync } from 'node:fs';
export async function sizes(paths: string[]): Promise<number[]> {
  return paths.map((path) => readFileSync(path).length);
}
`;
    const findings = findingsOf(text, BROAD);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.suggestions, []);
  });

  it('reports an async function no handler calls only with checkAsyncFunctions, and never start-up code', () => {
    const text = `import { readFileSync } from 'node:fs';
export async function readConfig(path: string): Promise<string> {
  return readFileSync(path, 'utf8');
}
async function main(): Promise<void> {
  readFileSync('banner.txt');
  await Promise.resolve();
}
void main();
`;
    assert.deepEqual(findingsOf(text), [], 'no handler calls readConfig');
    const findings = findingsOf(text, BROAD);
    assert.deepEqual(findings.map((finding) => finding.message.split('`')[1]), ['readFileSync']);
    assert.match(findings[0]!.message, /in an async function:/u);
    assert.equal(findings[0]!.start, text.indexOf('readFileSync(path'), 'main is start-up code; readConfig is exported and called nowhere in the project');
  });

  it('takes an exported handler for a Lambda handler by name only in untyped JavaScript', () => {
    const text = `const { readFileSync } = require('node:fs');
exports.handler = async (event) => readFileSync(event.path, 'utf8');
`;
    const { program, sourceFile } = programForSource(text, 'lambda.js', { allowJs: true, checkJs: false });
    const findings = runRules(sourceFile, program, { rules: { [RULE]: 'warn' } }).findings;
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /in an AWS Lambda handler:/u);
    const typed = `import { readFileSync } from 'node:fs';
export const handler = async (event: { path: string }): Promise<string> => readFileSync(event.path, 'utf8');
`;
    assert.deepEqual(findingsOf(typed), [], 'in TypeScript the name alone says nothing');
  });

  it('takes a GET export of a Next.js route file for a route handler, and only there', () => {
    const text = `import { readFileSync } from 'node:fs';
export function GET(): Response {
  return new Response(readFileSync('public/feed.xml'));
}
`;
    const inRoute = programForSource(text, 'route.ts');
    const findings = runRules(inRoute.sourceFile, inRoute.program, { rules: { [RULE]: 'warn' } }).findings;
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /in a Next\.js route handler:/u);
    const elsewhere = programForSource(text, 'feed.ts');
    assert.deepEqual(runRules(elsewhere.sourceFile, elsewhere.program, { rules: { [RULE]: 'warn' } }).findings, []);
  });

  it('drops the import the fix leaves unused, so noUnusedLocals stays quiet', () => {
    const strict = { noUnusedLocals: true };
    const errorsIn = (text: string): string[] => {
      const { program, sourceFile } = programForSource(text, 'inline.ts', strict);
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
        .map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    };
    const fixed = (text: string): string => {
      const { program, sourceFile } = programForSource(text, 'inline.ts', strict);
      const finding = runRules(sourceFile, program, { rules: { [RULE]: ['warn', BROAD] } }).findings.find((each) => each.suggestions.length > 0);
      assert.ok(finding, 'a fix is offered');
      return applyEdits(text, finding.suggestions[0]!.edits());
    };
    const cases = [
      `import { readFileSync } from 'node:fs';
export async function read(path: string): Promise<string> {
  return readFileSync(path, 'utf8');
}
`,
      `import { existsSync, readFileSync } from 'node:fs';
export async function read(path: string): Promise<string> {
  return existsSync(path) ? 'present' : readFileSync(path, 'utf8');
}
`,
      `import { gzipSync } from 'node:zlib';
export async function pack(body: string): Promise<Buffer> {
  return gzipSync(body);
}
`,
    ];
    for (const text of cases) {
      assert.deepEqual(errorsIn(text), [], 'the input type-checks');
      const output = fixed(text);
      assert.deepEqual(errorsIn(output), [], `the fix type-checks with noUnusedLocals:\n${output}`);
    }
  });
});
