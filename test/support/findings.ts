import { readFileSync } from 'node:fs';
import { before } from 'node:test';
import { runCli } from './cli';
import { fixturePath, wasmDir } from './paths';
import { Analyzer, type AnalyzerOptions, type AnalyzerParts } from '../../server/src/analyzer';
import { parseArgs } from '../../server/src/cli/args';
import { readWorkspace } from '../../server/src/cli/load-workspace';
import { findingsToJson } from '../../server/src/cli/format-json';
import { RULES } from '../../server/src/rules/index';
import { runRules } from '../../server/src/rules/run';

// The parsers, SQLite and the core load once per test file; each check then runs in process.
let parts: AnalyzerParts | undefined;
before(async () => {
  parts ??= await Analyzer.loadParts(wasmDir());
});

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  related: { file: string; range: JsonFinding['range']; message: string }[];
  fixes: { title: string; preferred: boolean; edits: { file: string; range: JsonFinding['range']; newText: string }[] }[];
}

/**
 * What `rawsync check <dir> --format json [args]` prints and exits with, computed in process by
 * the CLI's own pieces (argument parsing, workspace reading with rawsync.json, rules, the JSON
 * format). The CLI as a process is tested by the contract tests (test/unit/cli/) through `checkJsonCli`.
 */
export function checkJson(dir: string, extraArgs: string[] = [], options?: AnalyzerOptions): { status: number | null; findings: JsonFinding[] } {
  if (!parts) throw new Error('checkJson runs inside a test (the analyzer parts load in a before hook)');
  const args = parseArgs(['check', dir, '--format', 'json', ...extraArgs]);
  const analyzer = Analyzer.fromParts(parts, options);
  const { base, configuredRules } = readWorkspace(analyzer, args.paths);
  const run = runRules(RULES, analyzer.model(), analyzer.ruleContext(), { severities: { ...configuredRules, ...args.rules } });
  analyzer.dispose();
  if (run.failures.length > 0) throw new Error(`rule ${run.failures[0].rule} threw: ${String((run.failures[0].error as Error)?.stack ?? run.failures[0].error)}`);
  return { status: run.findings.some((f) => f.severity === 'error') ? 1 : 0, findings: JSON.parse(findingsToJson(run.findings, base)).findings };
}

/** `rawsync check <dir> --format json` through the bundled CLI as a process. */
export function checkJsonCli(dir: string, extraArgs: string[] = []): { status: number | null; findings: JsonFinding[] } {
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
