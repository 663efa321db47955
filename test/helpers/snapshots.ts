import fs from 'node:fs';
import type ts from 'typescript';
import { applyEdits, type Finding } from 'eslint-plugin-asyncsense/engine';

/**
 * Snapshots are Markdown a reviewer can read: each finding with its location, message and a code
 * frame, then the whole file as each suggestion leaves it. Tests read them back with `readSnapshot`.
 */
export interface SnapshotSuggestion {
  readonly title: string;
  readonly output: string;
}

export interface SnapshotFinding {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly suggestions: readonly SnapshotSuggestion[];
}

const FENCE = '````';

export function snapshotPath(fixtureFile: string): string {
  return fixtureFile.replace(/\.tsx?$/u, '.snap.md');
}

/** Turns a file's findings into the snapshot's Markdown. */
export function renderSnapshot(title: string, sourceFile: ts.SourceFile, findings: readonly Finding[]): string {
  const parts = [`# ${title}`, '', `Findings: ${findings.length}`, ''];
  findings.forEach((finding, index) => {
    const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
    const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
    parts.push(
      `## ${index + 1}. ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.severity} ${finding.ruleId}/${finding.messageId}`,
      '',
      `> ${finding.message}`,
      '',
      '```text',
      ...codeFrame(sourceFile, start, end),
      '```',
      '',
    );
    finding.suggestions.forEach((suggestion, k) => {
      parts.push(
        `### Suggestion ${k + 1}: ${suggestion.title}${suggestion.safe ? ' (safe)' : ''}`,
        '',
        `${FENCE}ts`,
        applyEdits(sourceFile.text, suggestion.edits()).replace(/\n$/u, ''),
        FENCE,
        '',
      );
    });
  });
  return `${parts.join('\n').trimEnd()}\n`;
}

function codeFrame(sourceFile: ts.SourceFile, start: ts.LineAndCharacter, end: ts.LineAndCharacter): string[] {
  const lines = sourceFile.text.split(/\r?\n/u);
  const frame: string[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const text = lines[line] ?? '';
    const from = line === start.line ? start.character : text.length - text.trimStart().length;
    const to = line === end.line ? end.character : text.length;
    const gutter = String(line + 1).padStart(4);
    frame.push(`${gutter} | ${text}`, `     | ${' '.repeat(from)}${'^'.repeat(Math.max(1, to - from))}`);
  }
  return frame;
}

/** Reads a snapshot written by `renderSnapshot` back into findings with their suggestion outputs. */
export function readSnapshot(fixtureFile: string): SnapshotFinding[] {
  const lines = fs.readFileSync(snapshotPath(fixtureFile), 'utf8').split('\n');
  const findings: SnapshotFinding[] = [];
  let current: { -readonly [K in keyof SnapshotFinding]: SnapshotFinding[K] } | undefined;
  let suggestions: SnapshotSuggestion[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^## \d+\. (\d+):(\d+)-(\d+):(\d+) (\w+) ([\w-]+)\/(\w+)$/u.exec(line);
    if (heading) {
      suggestions = [];
      current = {
        line: Number(heading[1]), column: Number(heading[2]), endLine: Number(heading[3]), endColumn: Number(heading[4]),
        severity: heading[5]!, ruleId: heading[6]!, messageId: heading[7]!, message: '', suggestions,
      };
      findings.push(current);
      continue;
    }
    if (current && line.startsWith('> ') && current.message === '') current.message = line.slice(2);
    const suggestion = /^### Suggestion \d+: (.*?)(?: \(safe\))?$/u.exec(line);
    if (suggestion && current) {
      const body: string[] = [];
      for (i += 3; i < lines.length && lines[i] !== FENCE; i++) body.push(lines[i]!);
      suggestions.push({ title: suggestion[1]!, output: `${body.join('\n')}\n` });
    }
  }
  return findings;
}
