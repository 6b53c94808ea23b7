import { parseArgs, UsageError, type CliArgs } from './args';
import { loadWorkspace } from './load-workspace';
import { findingsToJson } from './format-json';
import { findingsToText } from './format-text';
import { findingsToSarif } from './format-sarif';
import { findingsToGithub } from './format-github';
import { relativeFile } from '../frontends/relative-file';
import { schemaReport, schemaSql } from '../model/schema-report';
import { RULES } from '../rules/index';
import { runRules } from '../rules/run';
import { fixCommand } from './fix-command';
import { previewCommand } from './preview-command';
import { installRootOf, RuleDocs } from '../doors/rule-docs';
import path from 'node:path';

/** The wasm files sit beside the bundle (esbuild.mjs copies them into dist/). */
const WASM_DIR = __dirname;
/** The rule pages ship in the package beside dist/ (bin/rawsync.js loads dist/cli.js). */
const RULE_DOCS = new RuleDocs(installRootOf(__dirname));

async function check(args: CliArgs): Promise<number> {
  const { analyzer, base, configuredRules } = await loadWorkspace(args.paths, WASM_DIR);
  const model = analyzer.model();
  const run = runRules(RULES, model, analyzer.ruleContext(), { severities: { ...configuredRules, ...args.rules } });
  for (const failure of run.failures) process.stderr.write(`rawsync: internal error in rule ${failure.rule}: ${String((failure.error as Error)?.stack ?? failure.error)}\n`);
  const format = args.format ?? 'text';
  const output = format === 'json' ? findingsToJson(run.findings, base)
    : format === 'sarif' ? findingsToSarif(run.findings, base, RULE_DOCS)
    : format === 'github' ? findingsToGithub(run.findings)
    : findingsToText(run.findings, base, RULE_DOCS);
  process.stdout.write(output + '\n');
  return run.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function schema(args: CliArgs): Promise<number> {
  const { analyzer, base } = await loadWorkspace(args.paths, WASM_DIR);
  const model = analyzer.model();
  if ((args.format ?? 'json') === 'sql') process.stdout.write(schemaSql(model));
  else process.stdout.write(JSON.stringify(schemaReport(model, (uri) => relativeFile(uri, base)), null, 2) + '\n');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(error.message + '\n');
      return 2;
    }
    throw error;
  }
  try {
    switch (args.command) {
      case 'check':
        return await check(args);
      case 'schema':
        return await schema(args);
      case 'fix':
        return await fixCommand(args, WASM_DIR);
      case 'preview':
        return await previewCommand(args, WASM_DIR);
      case 'lsp':
        // The language server bundle beside this one (dist/server.js, what the VS Code extension
        // runs) reads --stdio from argv and serves until the client sends exit or closes stdin.
        require(path.join(__dirname, 'server.js'));
        return new Promise<number>(() => undefined);
      default:
        process.stderr.write(`rawsync ${args.command} is not available yet\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`rawsync: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`rawsync: internal error: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 3;
  },
);
