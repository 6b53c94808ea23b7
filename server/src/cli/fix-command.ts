import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyTextEdits, offsetAt } from '../generate/text-edits';
import type { Finding, TextEdit } from '../findings/finding';
import { RULES } from '../rules/index';
import { runRules } from '../rules/run';
import type { CliArgs } from './args';
import { loadWorkspace } from './load-workspace';
import { relativeFile } from '../frontends/relative-file';

/** Fixes can make other fixes possible (or move their ranges): apply in rounds until none is left. */
const MAX_ROUNDS = 32;

/**
 * The fix `rawsync fix` applies for a finding: its preferred one only. A fix not marked preferred
 * is a choice the user makes (it may drop a column from a put, change a type other code reads,
 * or pick one of several names), so it is never applied unasked.
 */
export function preferredFix(finding: Finding) {
  return finding.fixes.find((f) => f.preferred);
}

/** `rawsync fix [PATH] [--rule ID]`: applies each finding's preferred fix in place. */
export async function fixCommand(args: CliArgs, wasmDir: string): Promise<number> {
  const { analyzer, base, configuredRules } = await loadWorkspace(args.paths, wasmDir);
  const severities = { ...configuredRules, ...args.rules };
  const rules = args.onlyRule ? RULES.filter((r) => r.meta.id === args.onlyRule) : RULES;
  if (args.onlyRule && rules.length === 0) {
    process.stderr.write(`rawsync: no rule '${args.onlyRule}'\n`);
    return 2;
  }
  const changedFiles = new Set<string>();
  const notUtf8 = new Set<string>();
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const run = runRules(rules, analyzer.model(), analyzer.ruleContext(), { severities });
    const byFile = new Map<string, TextEdit[]>();
    const fixedHere: Finding[] = [];
    for (const finding of run.findings) {
      const fix = preferredFix(finding);
      if (!fix || fix.edits.length === 0) continue;
      // Never the same insertion twice: a fix whose text the file already holds did not take.
      if (fix.edits.some((e) => repeatsInsertion(e, currentText(e.uri)))) continue;
      // A file that is not valid UTF-8 is left byte for byte as it is.
      if (fix.edits.some((e) => !isUtf8(e.uri))) {
        for (const e of fix.edits) if (!isUtf8(e.uri)) notUtf8.add(e.uri);
        continue;
      }
      // A fix spanning several files is applied whole or not at all in this round.
      const files = new Set(fix.edits.map((e) => e.uri));
      if ([...files].some((uri) => byFile.get(uri)?.some((e) => fix.edits.some((n) => n.uri === uri && overlaps(e, n))))) continue;
      for (const edit of fix.edits) byFile.set(edit.uri, [...(byFile.get(edit.uri) ?? []), edit]);
      fixedHere.push(finding);
    }
    if (fixedHere.length === 0) break;
    let changedThisRound = false;
    for (const [uri, edits] of byFile) {
      const file = fileURLToPath(uri);
      const before = readFileSync(file, 'utf8');
      const { text } = applyTextEdits(before, edits);
      if (text === before) continue;
      writeAtomically(file, text);
      analyzer.index.update(uri, text);
      changedFiles.add(uri);
      changedThisRound = true;
    }
    applied += fixedHere.length;
    // A round that changed nothing would repeat itself.
    if (!changedThisRound) break;
  }
  for (const uri of notUtf8) process.stderr.write(`rawsync: not fixed: ${relativeFile(uri, base)} is not valid UTF-8, and fixing it would rewrite bytes outside the fix\n`);
  const remaining = runRules(RULES, analyzer.model(), analyzer.ruleContext(), { severities }).findings;
  for (const uri of changedFiles) process.stdout.write(`fixed ${relativeFile(uri, base)}\n`);
  const fixable = remaining.filter((f) => preferredFix(f)).length;
  process.stdout.write(`${applied} fix${applied === 1 ? '' : 'es'} applied in ${changedFiles.size} file${changedFiles.size === 1 ? '' : 's'}; ${remaining.length} finding${remaining.length === 1 ? '' : 's'} remain (${fixable} with a fix)\n`);
  return remaining.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The file's text as it is on disk now. */
function currentText(uri: string): string | undefined {
  try {
    return readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether the file's bytes are UTF-8 that decodes and encodes back unchanged. */
function isUtf8(uri: string): boolean {
  try {
    const bytes = readFileSync(fileURLToPath(uri));
    return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  } catch {
    return false;
  }
}

/**
 * An edit that inserts a sizeable text (an installer, a trigger) the file already contains: a
 * previous round or run made it, and the finding stayed, so inserting it again only grows the file.
 */
function repeatsInsertion(edit: TextEdit, text: string | undefined): boolean {
  if (text === undefined) return false;
  const inserted = edit.newText.trim();
  // An append replaces the file's final line break: what it replaces is white space only.
  const replaced = text.slice(offsetAt(text, edit.range.start), offsetAt(text, edit.range.end));
  return replaced.trim() === '' && inserted.length >= 40 && text.includes(inserted);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const before = (x: TextEdit['range']['end'], y: TextEdit['range']['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start));
}

/** Writes through a temporary file and a rename, so an interrupted write never loses the file. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.rawsync-${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
