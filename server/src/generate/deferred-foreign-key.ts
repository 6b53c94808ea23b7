import { argumentFor } from '../model/value';
import type { ForeignKey } from '../model/workspace';
import type { Fix } from '../findings/finding';

/**
 * Makes a Room `ForeignKey(…)` deferred, keeping its argument layout: `deferred = false` becomes
 * `true`; otherwise `deferred = true` follows the last argument, on its own line when the
 * arguments are on lines of their own.
 */
export function deferredForeignKeyFix(fk: ForeignKey): Fix | undefined {
  const call = fk.roomCall;
  if (!call || fk.deferred) return undefined;
  const existing = argumentFor(call.args, 'deferred', 5);
  if (existing) {
    return { title: 'Make the foreign key deferred (deferred = true)', preferred: true, edits: [{ uri: existing.value.loc.uri, range: existing.value.loc.range, newText: 'true' }] };
  }
  const last = call.args[call.args.length - 1];
  if (!last) return undefined;
  const multiline = call.args.length > 0 && call.args.every((a, i) => i === 0 || a.loc.range.start.line > call.args[i - 1].loc.range.end.line);
  const separator = multiline && last.loc.range.start.line > call.loc.range.start.line
    ? `,\n${' '.repeat(last.loc.range.start.character)}`
    : ', ';
  const at = last.loc.range.end;
  return {
    title: 'Make the foreign key deferred (deferred = true)',
    preferred: true,
    edits: [{ uri: last.loc.uri, range: { start: at, end: at }, newText: `${separator}deferred = true` }],
  };
}
