import type { WorkspaceModel } from '../model/workspace';
import { compareVersions } from '../model/version';

/** How generated code talks to the Room database: the type it takes and what that needs imported. */
export interface RoomConnectionStyle {
  type: 'SQLiteConnection' | 'SupportSQLiteDatabase';
  parameter: string;
  imports: string[];
}

const CONNECTION: RoomConnectionStyle = { type: 'SQLiteConnection', parameter: 'connection', imports: ['androidx.sqlite.SQLiteConnection', 'androidx.sqlite.execSQL'] };
const SUPPORT: RoomConnectionStyle = { type: 'SupportSQLiteDatabase', parameter: 'db', imports: ['androidx.sqlite.db.SupportSQLiteDatabase'] };

/**
 * The connection type the project's Room callbacks take, else the one its imports use, else the
 * one its Room version offers: Room 2.7+ (and Kotlin Multiplatform) hands out SQLiteConnection.
 */
export function roomConnectionStyle(model: WorkspaceModel): RoomConnectionStyle {
  for (const facts of model.files.values()) {
    for (const callback of facts.roomCallbacks) {
      const cls = facts.classes.find((c) => c.name === callback.className);
      for (const fn of cls?.functions ?? []) {
        if (fn.name !== 'onOpen' && fn.name !== 'onCreate') continue;
        const style = styleOfType(fn.parameters[0]?.type?.name);
        if (style) return style;
      }
    }
  }
  for (const facts of model.files.values()) {
    for (const imported of facts.imports) {
      const style = styleOfType(imported.path);
      if (style) return style;
    }
  }
  const room = model.sdkVersions.room;
  if (room && room.group === 'androidx.room' && compareVersions(room.version, '2.7.0') < 0) return SUPPORT;
  return CONNECTION;
}

function styleOfType(name: string | undefined): RoomConnectionStyle | undefined {
  const simple = name?.slice(name.lastIndexOf('.') + 1);
  if (simple === 'SQLiteConnection') return CONNECTION;
  if (simple === 'SupportSQLiteDatabase') return SUPPORT;
  return undefined;
}
