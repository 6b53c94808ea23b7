import { readFileSync } from 'node:fs';
import { runCli } from './cli';
import { fixturePath } from './paths';

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  related: { file: string; range: JsonFinding['range']; message: string }[];
  fixes: { title: string; edits: { file: string; range: JsonFinding['range']; newText: string }[] }[];
}

/** `rawsync check <dir> --format json` through the bundled CLI; returns the findings and the exit code. */
export function checkJson(dir: string, extraArgs: string[] = []): { status: number | null; findings: JsonFinding[] } {
  const result = runCli(['check', dir, '--format', 'json', ...extraArgs]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`rawsync check exited ${result.status}: ${result.stderr}`);
  return { status: result.status, findings: JSON.parse(result.stdout).findings };
}

/** The findings of one rule on a fixture under test/fixtures/. */
export function fixtureFindings(fixture: string, rule: string): JsonFinding[] {
  return checkJson(fixturePath(fixture)).findings.filter((f) => f.rule === rule);
}

/** The text a finding's range covers in a file on disk (a single-line range). */
export function textAt(file: string, range: JsonFinding['range']): string {
  const line = readFileSync(file, 'utf8').split('\n')[range.start.line];
  return range.start.line === range.end.line ? line.slice(range.start.character, range.end.character) : line.slice(range.start.character);
}

/** `file:line` (1-based line) of each finding, for compact assertions. */
export function places(findings: JsonFinding[]): string[] {
  return findings.map((f) => `${f.file}:${f.range.start.line + 1}`);
}
