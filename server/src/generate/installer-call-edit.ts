import type { FileFacts, FunctionFact } from '../model/facts';
import { containsLocation } from '../model/location';
import type { WorkspaceModel } from '../model/workspace';
import type { TextEdit } from '../findings/finding';
import { kotlinSdkWriter } from './kotlin-sdk-writer';
import type { RoomConnectionStyle } from './room-connection-style';

/** Where a generated installer is called from: the callback and the edits that add the call. */
export interface InstallerCall {
  /** `RoomAsyncCallback.onOpen`, for the generated function's comment. */
  where: string;
  edits: TextEdit[];
}

/**
 * The call `installer(<connection>)` added to the app's one `RoomDatabase.Callback.onOpen` (it runs
 * on every open, after migrations), right after `super.onOpen(…)` or else first, with an import
 * when the callback lives in another package than `home`, the file the installer is appended to.
 * Undefined when there is no such callback, more than one, its parameter is not of the connection
 * type the installer takes, or its body is not a block of statements on their own lines.
 */
export function installerCallEdit(model: WorkspaceModel, home: FileFacts, installer: string, style: RoomConnectionStyle): InstallerCall | undefined {
  const found: { facts: FileFacts; className: string; onOpen: FunctionFact }[] = [];
  for (const facts of model.files.values()) {
    for (const callback of facts.roomCallbacks) {
      const cls = facts.classes.find((c) => c.name === callback.className && containsLocation(c.loc, callback.loc));
      const onOpen = cls?.functions.find((f) => f.name === 'onOpen');
      if (onOpen) found.push({ facts, className: callback.className, onOpen });
    }
  }
  if (found.length !== 1) return undefined;
  const [{ facts, className, onOpen }] = found;
  // The call is written in Kotlin: a callback written in Java is left to the user.
  const writer = kotlinSdkWriter(facts.uri);
  if (!writer) return undefined;
  const parameter = onOpen.parameters[0];
  const type = parameter?.type?.name;
  if (onOpen.parameters.length !== 1 || !type || type.slice(type.lastIndexOf('.') + 1) !== style.type) return undefined;
  const statements = onOpen.body?.statements ?? [];
  if (statements.length === 0 || onOpen.body!.loc.range.start.line === statements[0].loc.range.start.line) return undefined;
  const call = `${installer}(${parameter.name})`;
  const first = statements[0];
  const indent = ' '.repeat(first.loc.range.start.character);
  const edit: TextEdit = first.superCall
    ? { uri: facts.uri, range: { start: first.loc.range.end, end: first.loc.range.end }, newText: `\n${indent}${call}` }
    : { uri: facts.uri, range: { start: first.loc.range.start, end: first.loc.range.start }, newText: `${call}\n${indent}` };
  const samePackage = (facts.packageName ?? '') === (home.packageName ?? '');
  if (!samePackage && !home.packageName) return undefined;
  const imports = samePackage ? [] : writer.importEdits(facts, [`${home.packageName}.${installer}`]);
  return { where: `${className}.onOpen`, edits: [edit, ...imports] };
}

/** The comment line above a generated installer: where it is called, or where to call it. */
export function installerNote(call: InstallerCall | undefined, installer: string, parameter: string): string {
  return call
    ? `// Called from ${call.where}, which Room runs on every open, after migrations.`
    : `// Call from your RoomDatabase.Callback onOpen (it runs after migrations): ${installer}(${parameter})`;
}
