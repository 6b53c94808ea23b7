import { loadEngine, type Engine } from '../../../server/src/engine/sqljs';
import { CoreDatabase } from '../../../server/src/engine/database';
import { wasmDir } from '../../support/paths';

/** The engine, loaded once per test process from dist/ (where esbuild.mjs copies the wasm). */
export function engine(): Promise<Engine> {
  return loadEngine(wasmDir());
}

/** A fresh in-memory database with the PowerSync core initialised. */
export async function openCoreDatabase(...statements: string[]): Promise<CoreDatabase> {
  const db = CoreDatabase.open(await engine());
  for (const sql of statements) db.exec(sql);
  return db;
}
