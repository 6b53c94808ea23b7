import type { ForeignKey } from '../model/workspace';
import type { Fix } from '../findings/finding';

const TITLE = 'Make the foreign key deferred (initiallyDeferred: true)';

/**
 * Makes a Drift `references(…)` deferred (drift ≥ 2.19.0 takes `initiallyDeferred`, docs/facts.md
 * §12), keeping its argument layout: `initiallyDeferred: false` becomes `true`; otherwise
 * `initiallyDeferred: true` follows the last argument, on its own line when the arguments are on
 * lines of their own.
 */
export function driftDeferredForeignKeyFix(fk: ForeignKey): Fix | undefined {
  const call = fk.driftReference;
  if (!call || fk.deferred) return undefined;
  const existing = call.args.find((a) => a.name === 'initiallyDeferred');
  if (existing) {
    if (existing.value.kind !== 'boolean') return undefined;
    return { title: TITLE, preferred: true, edits: [{ uri: existing.value.loc.uri, range: existing.value.loc.range, newText: 'true' }] };
  }
  const last = call.args[call.args.length - 1];
  if (!last) return undefined;
  const multiline = call.args.length > 1 && call.args.every((a, i) => i === 0 || a.loc.range.start.line > call.args[i - 1].loc.range.end.line);
  const separator = multiline ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
  const at = last.loc.range.end;
  return { title: TITLE, preferred: true, edits: [{ uri: last.loc.uri, range: { start: at, end: at }, newText: `${separator}initiallyDeferred: true` }] };
}
