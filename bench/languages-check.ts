// Cold `rawsync check` of generated 2,000-file TypeScript and Dart workspaces (the clean web and
// Flutter examples plus ordinary screens, hooks, services and models of the kind such apps are
// mostly made of, and one 3,000-line ordinary file each) against a bare tree-sitter parse of the
// same files, with the check's peak RSS, and what a keystroke costs the server in the big ordinary
// file and in the schema file (re-read through the pre-screen, model rebuilt, rules run). Deterministic: the same arguments give the same bytes.
// Usage: node bench/run.mjs languages-check [files=2000] [runs=3]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TypeScriptParser, dialectOf } from '../server/src/frontends/typescript/parser';
import { DartParser } from '../server/src/frontends/dart/parser';
import { languageOf } from '../server/src/frontends/index';
import { Analyzer } from '../server/src/analyzer';
import { RULES } from '../server/src/rules/index';
import { runRules } from '../server/src/rules/run';
import { scanWorkspace } from '../server/src/frontends/workspace-files';

const FILES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 3);
const ROOT = path.join(__dirname, '..', '..');
const WASM_DIR = path.join(ROOT, 'dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const KINDS = ['Screen', 'Hook', 'Service', 'Model', 'Mapper', 'Store', 'Formatter', 'Validator'];

function tsFile(i: number, lines = 0): string {
  const name = `${KINDS[i % KINDS.length]}${i}`;
  const body = [
    `import { useState, useEffect } from 'react';`,
    `import { format } from '../util/format';`,
    `export interface ${name}Props { id: string; title: string; count: number; tags: string[] }`,
    `export function ${name}(props: ${name}Props) {`,
    `  const [value, setValue] = useState(props.count);`,
    `  useEffect(() => { setValue(props.count + ${i}); }, [props.count]);`,
    `  const label = props.tags.map((t) => t.toUpperCase()).join(', ');`,
    `  return { value, label: format(label, props.title), onClick: () => setValue(value + 1) };`,
    `}`,
  ];
  for (let k = 0; k < lines; k++) body.push(`export const row${k} = { id: 'r${k}', label: \`item ${k}\`, values: [${k}, ${k + 1}, ${k + 2}] };`);
  return `${body.join('\n')}\n`;
}

function dartFile(i: number, lines = 0): string {
  const name = `${KINDS[i % KINDS.length]}${i}`;
  const body = [
    `import 'package:flutter/material.dart';`,
    `import '../util/format.dart';`,
    `class ${name} extends StatelessWidget {`,
    `  const ${name}({super.key, required this.title, required this.tags});`,
    `  final String title;`,
    `  final List<String> tags;`,
    `  @override`,
    `  Widget build(BuildContext context) {`,
    `    final label = tags.map((t) => t.toUpperCase()).join(', ');`,
    `    return Padding(padding: const EdgeInsets.all(8), child: Column(children: [Text(format(label, title)), Text('${i}')]));`,
    `  }`,
    `}`,
  ];
  for (let k = 0; k < lines; k++) body.push(`final row${k} = {'id': 'r${k}', 'label': 'item $k', 'values': [${k}, ${k + 1}, ${k + 2}]};`);
  return `${body.join('\n')}\n`;
}

function writeWorkspace(language: 'typescript' | 'dart'): { root: string; big: string; schema: string } {
  const root = path.join(os.tmpdir(), `rawsync-bench-${language}-${FILES}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(ROOT, 'examples', language === 'typescript' ? 'web-app-fixed' : 'flutter-app-fixed'), root, { recursive: true });
  const src = path.join(root, language === 'typescript' ? 'src' : 'lib');
  const ext = language === 'typescript' ? 'tsx' : 'dart';
  const write = language === 'typescript' ? tsFile : dartFile;
  const big = path.join(src, 'catalog', `catalog.${ext}`);
  mkdirSync(path.dirname(big), { recursive: true });
  writeFileSync(big, write(0, 3000));
  for (let i = 1; i < FILES - 5; i++) {
    const dir = path.join(src, `feature${Math.floor(i / 8)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${KINDS[i % KINDS.length].toLowerCase()}_${i}.${ext}`), write(i));
  }
  return { root, big, schema: path.join(root, language === 'typescript' ? 'src/powersync/schema.ts' : 'lib/powersync/schema.dart') };
}

/**
 * What a keystroke costs the server: the edited file re-read (through the pre-screen, as the index
 * does), the model rebuilt and every rule run. Medians over 20 edits of each file.
 */
async function keystrokes(root: string, files: string[]): Promise<number[]> {
  const analyzer = await Analyzer.create(WASM_DIR);
  const texts = new Map(scanWorkspace(root).filter((f) => languageOf(f.path)).map((f) => [f.path, f.text]));
  for (const [file, text] of texts) analyzer.index.update(pathToFileURL(file).href, text);
  runRules(RULES, analyzer.model(), analyzer.ruleContext());
  const out: number[] = [];
  for (const file of files) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      analyzer.index.update(pathToFileURL(file).href, `${texts.get(file)}// edit ${i}\n`);
      runRules(RULES, analyzer.model(), analyzer.ruleContext());
      times.push(performance.now() - started);
    }
    out.push(median(times));
  }
  analyzer.dispose();
  return out;
}

async function bareParse(root: string, language: 'typescript' | 'dart'): Promise<number> {
  const files = scanWorkspace(root).filter((f) => languageOf(f.path) === language);
  if (language === 'typescript') {
    const parser = await TypeScriptParser.create(WASM_DIR);
    const started = performance.now();
    for (const file of files) parser.parse(file.text, dialectOf(file.path))?.delete();
    return performance.now() - started;
  }
  const parser = await DartParser.create(WASM_DIR);
  const started = performance.now();
  for (const file of files) parser.parse(file.text)?.delete();
  return performance.now() - started;
}

function cliCheck(root: string): { ms: number; rssMb: number; findings: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(ROOT, 'bin', 'rawsync.js'), 'check', root, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [seconds, kb] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`no timing from /usr/bin/time: ${run.stderr}`);
  return { ms: seconds * 1000, rssMb: kb / 1024, findings: (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length };
}

async function main(): Promise<void> {
  for (const language of ['typescript', 'dart'] as const) {
    const { root, big, schema } = writeWorkspace(language);
    const parses: number[] = [];
    const checks: ReturnType<typeof cliCheck>[] = [];
    for (let i = 0; i < RUNS; i++) {
      parses.push(await bareParse(root, language));
      checks.push(cliCheck(root));
    }
    const [bigEditMs, schemaEditMs] = await keystrokes(root, [big, schema]);
    const parseMs = median(parses);
    const checkMs = median(checks.map((c) => c.ms));
    console.log(`${language}: ${FILES} files; bare parse ${parseMs.toFixed(0)} ms; rawsync check ${checkMs.toFixed(0)} ms (${(checkMs / parseMs).toFixed(2)}x); a keystroke in the 3,000-line ordinary file ${bigEditMs.toFixed(1)} ms, in the schema file ${schemaEditMs.toFixed(1)} ms (medians)`);
    console.log(JSON.stringify({
      bench: 'languages-check', language, files: FILES, parseMs, checkMs, ratio: checkMs / parseMs,
      rssMb: median(checks.map((c) => c.rssMb)), findings: checks[0].findings, bigFileEditMs: bigEditMs, schemaEditMs, load: Number(os.loadavg()[0].toFixed(1)),
    }));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
