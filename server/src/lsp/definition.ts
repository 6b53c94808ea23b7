import type { Location, Position } from 'vscode-languageserver';
import { declarationNameLoc, symbolAt } from '../model/symbol-at';
import type { Table, WorkspaceModel } from '../model/workspace';
import { sqlSymbolAt } from '../model/sql-symbol-at';

/** Raw-table names go to the entity, `Column("x")` and synced columns to the field, `@Database` entities to the class. */
export function definition(model: WorkspaceModel, uri: string, position: Position): Location | null {
  const symbol = symbolAt(model, uri, position);
  if (!symbol) return sqlDefinition(model, uri, position);
  switch (symbol.kind) {
    case 'table':
      return null;
    case 'database-entity':
    case 'raw-table':
      return symbol.table ? tableDeclaration(model, symbol.table) : null;
    default:
      return symbol.column ? declarationNameLoc(model, symbol.column.loc) : null;
  }
}

function tableDeclaration(model: WorkspaceModel, table: Table): Location {
  return table.entity ? declarationNameLoc(model, table.loc) : table.nameLoc;
}

/** From a table or column named in a SQL string to the entity class or field (or the CREATE TABLE). */
function sqlDefinition(model: WorkspaceModel, uri: string, position: Position): Location | null {
  const symbol = sqlSymbolAt(model, uri, position);
  if (!symbol) return null;
  return symbol.kind === 'sql-table' ? tableDeclaration(model, symbol.table) : declarationNameLoc(model, symbol.column.loc);
}
