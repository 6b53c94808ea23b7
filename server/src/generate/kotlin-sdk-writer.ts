import type { EditWriter } from '../frontends/plugin';
import { writerOfFile } from '../frontends/registry';

/** The parts of an edit writer that code calling PowerSync's Kotlin SDK needs. */
export type KotlinSdkWriter = EditWriter & Required<Pick<EditWriter, 'stringLiteral' | 'sqlLiteral' | 'importEdits'>>;

/**
 * The writer of the file at `uri` when generated code there may call PowerSync's Kotlin SDK
 * (`RawTable(…)`, `execSQL(…)`, `listOf(…)`), else undefined and the fix is not offered: a Java
 * entity or a TypeScript schema never gets Kotlin written into it.
 */
export function kotlinSdkWriter(uri: string): KotlinSdkWriter | undefined {
  const writer = writerOfFile(uri);
  if (writer?.sdk !== 'kotlin' || !writer.stringLiteral || !writer.sqlLiteral || !writer.importEdits) return undefined;
  return writer as KotlinSdkWriter;
}
