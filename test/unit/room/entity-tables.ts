import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import type { Table, WorkspaceModel } from '../../../server/src/model/workspace';

/** The model of Kotlin sources given as `{ 'app/Todo.kt': '…' }`, placed under src/commonMain/kotlin/. */
export async function modelOf(sources: Record<string, string>): Promise<WorkspaceModel> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(sources)) files[`src/commonMain/kotlin/${name}`] = text;
  return (await analyzeFiles(files)).model;
}

/** The Room entity tables of Kotlin sources. */
export async function entityTablesOf(sources: Record<string, string>): Promise<Table[]> {
  return (await modelOf(sources)).tables.filter((t) => t.origin === 'room-entity');
}

export function tableNamed(tables: readonly Table[], name: string): Table {
  const table = tables.find((t) => t.name === name);
  assert.ok(table, `no entity table "${name}" among ${tables.map((t) => t.name).join(', ') || 'none'}`);
  return table;
}

/** The createSql of one table. */
export function createSqlOf(tables: readonly Table[], name: string): string {
  return tableNamed(tables, name).createSql;
}

export const ROOM_IMPORTS = 'import androidx.room.*\n';
