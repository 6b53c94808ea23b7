import { kotlinSdkWriter } from './kotlin-sdk-writer';
import { argumentFor, type CallValue } from '../model/value';
import type { SyncConnection, WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';

const SYNC_OPTIONS_IMPORT = 'com.powersync.sync.SyncOptions';
const FLAG = 'newClientImplementation';

/**
 * Picks the Rust sync client: `newClientImplementation = true` in the existing `SyncOptions(…)`
 * (replacing `false`), or `options = SyncOptions(newClientImplementation = true)` added to
 * `connect(…)` with the import when the file lacks it.
 */
export function enableRustClientFix(model: WorkspaceModel, connection: SyncConnection): Fix | undefined {
  const title = 'Use the Rust sync client (newClientImplementation = true)';
  const options = connection.optionsCall;
  if (options) {
    const flag = argumentFor(options.args, FLAG, 0);
    if (flag) return { title, preferred: true, edits: [{ uri: flag.value.loc.uri, range: flag.value.loc.range, newText: 'true' }] };
    return { title, preferred: true, edits: [appendArgument(options, `${FLAG} = true`)] };
  }
  const connect = connection.connectCall;
  // Options passed in a form the model cannot read: not ours to rewrite.
  if (!connect || connection.optionsLoc || connect.args.length === 0) return undefined;
  const facts = model.files.get(connect.loc.uri);
  const writer = kotlinSdkWriter(connect.loc.uri);
  if (!facts || !writer) return undefined;
  return {
    title,
    preferred: true,
    edits: [appendArgument(connect, `options = SyncOptions(${FLAG} = true)`), ...writer.importEdits(facts, [SYNC_OPTIONS_IMPORT])],
  };
}

/** Removes `newClientImplementation = false` from `SyncOptions(…)`, with the comma that separated it. */
export function removeOlderClientFlagFix(connection: SyncConnection): Fix | undefined {
  const options = connection.optionsCall;
  if (!options) return undefined;
  const index = options.args.findIndex((a) => a === argumentFor(options.args, FLAG, 0));
  if (index < 0) return undefined;
  const args = options.args;
  const uri = options.loc.uri;
  if (args.length === 1) {
    // The only argument: `SyncOptions()` (also drops a trailing comma inside the parentheses).
    return { title: `Remove ${FLAG} = false`, preferred: true, edits: [{ uri, range: { start: options.callee.loc.range.end, end: options.loc.range.end }, newText: '()' }] };
  }
  const range = index > 0
    ? { start: args[index - 1].loc.range.end, end: args[index].loc.range.end }
    : { start: args[0].loc.range.start, end: args[1].loc.range.start };
  return { title: `Remove ${FLAG} = false`, preferred: true, edits: [{ uri, range, newText: '' }] };
}

/** An argument after the call's last one, on its own line when the last one is on a line of its own. */
function appendArgument(call: CallValue, text: string): TextEdit {
  const last = call.args[call.args.length - 1];
  if (!last) {
    // `SyncOptions()`: write between the parentheses.
    return { uri: call.loc.uri, range: { start: call.callee.loc.range.end, end: call.loc.range.end }, newText: `(${text})` };
  }
  const separator = last.loc.range.start.line > call.loc.range.start.line ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
  return { uri: last.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `${separator}${text}` };
}

