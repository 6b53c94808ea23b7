import type { CodeLens } from 'vscode-languageserver';
import type { WorkspaceModel } from '../model/workspace';

/** The client command the lens runs (client/src/extension.ts registers it). */
export const PREVIEW_COMMAND = 'rawsync.previewDatabase';

/** "Preview database" above each Room `@Database` class and each PowerSync `Schema(...)` of the file. */
export function codeLenses(model: WorkspaceModel, uri: string): CodeLens[] {
  const anchors = [
    ...model.roomDatabases.filter((db) => db.loc.uri === uri).map((db) => (db.annotationLoc ?? db.loc).range),
    ...model.schemas.filter((schema) => schema.loc.uri === uri).map((schema) => schema.loc.range),
  ];
  const lines = new Set<number>();
  const lenses: CodeLens[] = [];
  for (const range of anchors.sort((a, b) => a.start.line - b.start.line)) {
    if (lines.has(range.start.line)) continue;
    lines.add(range.start.line);
    lenses.push({
      range: { start: range.start, end: range.start },
      command: { title: 'Preview database', command: PREVIEW_COMMAND, arguments: [uri] },
    });
  }
  return lenses;
}
