import ts from 'typescript';
import { projectFiles } from './call-sites';
import type { BlockingCallOptions } from './blocking-calls';
import { calleeName } from './callee-name';
import { someCodeNode } from './code-walk';
import { specifierNames, wordPattern } from './specifier-names';

/** Per program and options: where `no-blocking-io` can report at all. */
const patterns = new WeakMap<ts.Program, WeakMap<BlockingCallOptions, RegExp>>();

/** Per file and names pattern (files are reused from one program to the next). */
const fileHelpers = new WeakMap<ts.SourceFile, Map<string, readonly string[]>>();

/**
 * The text a blocking call can be found at in this program: a name like Node's blocking functions
 * (`readFileSync`, `Atomics.wait`), one of the user's `blockingCalls`, or the name of one of the
 * project's functions whose own body calls one of those (a helper the rule follows).
 */
export function blockingReach(program: ts.Program, options: BlockingCallOptions): RegExp {
  let byOptions = patterns.get(program);
  if (!byOptions) patterns.set(program, byOptions = new WeakMap());
  let pattern = byOptions.get(options);
  if (!pattern) {
    const called = namesPattern(options);
    const helpers = new Set<string>();
    for (const sourceFile of projectFiles(program)) for (const name of helpersIn(sourceFile, called)) helpers.add(name);
    const alternatives = [called.source, ...[...helpers].map(wordPattern)];
    pattern = new RegExp(alternatives.join('|'), 'u');
    byOptions.set(options, pattern);
  }
  return pattern;
}

/** `readFileSync`, `wait`, and the names of the user's `blockingCalls`. */
function namesPattern(options: BlockingCallOptions): RegExp {
  const names = specifierNames(options.blockingCalls.map(({ specifier }) => specifier));
  // `Sync\b` rather than `\w*Sync\b`: it finds the same names, and the search does not start over
  // at every letter of every word of the file.
  return new RegExp(['Sync\\b', '\\bwait\\b', ...names.map(wordPattern)].join('|'), 'u');
}

/** The functions of a file whose own body calls something named like a blocking call. */
function helpersIn(sourceFile: ts.SourceFile, called: RegExp): readonly string[] {
  let byPattern = fileHelpers.get(sourceFile);
  if (!byPattern) fileHelpers.set(sourceFile, byPattern = new Map());
  let names = byPattern.get(called.source);
  if (!names) {
    names = called.test(sourceFile.text) ? findHelpers(sourceFile, called) : [];
    byPattern.set(called.source, names);
  }
  return names;
}

function findHelpers(sourceFile: ts.SourceFile, called: RegExp): string[] {
  const names: string[] = [];
  someCodeNode(sourceFile, (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = nameOf(node);
      if (name && callsByName(node.body, called)) names.push(name);
    }
    return false;
  });
  return names;
}

/** Whether a body calls, itself and outside the functions it defines, something whose name matches. */
function callsByName(body: ts.Node, called: RegExp): boolean {
  return someCodeNode(body, (node) => {
    const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
    return name !== undefined && called.test(name);
  }, false);
}

function nameOf(fn: ts.SignatureDeclaration): string | undefined {
  const holder = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parent : fn;
  const name = ts.getNameOfDeclaration(holder as ts.Declaration);
  return name && ts.isIdentifier(name) ? name.text : undefined;
}
