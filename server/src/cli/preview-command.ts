import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type CliArgs } from './args';
import { loadWorkspace } from './load-workspace';
import { relativeFile } from './relative-path';
import { previewHtml } from './preview-html';
import { schemaReport } from '../model/schema-report';
import { syncedTables } from '../model/synced-tables';
import type { WorkspaceModel } from '../model/workspace';
import { loadEngine } from '../engine/sqljs';
import { simulatePreview, type PreviewSimulation } from '../engine/sync-scenario';

/** What a column is to sync: written by a raw table, kept on the device only, or the row id. */
export type ColumnSync = 'id' | 'synced' | 'local-only' | 'unknown';

/** Sync facts per table, beside the schema: what the preview's tables view shows per column. */
export interface TableSync {
  table: string;
  /** Sync names of the raw tables writing into it; empty for a local-only table. */
  rawTables: string[];
  /** Per column name; absent when no raw table writes into the table. */
  columns?: Record<string, ColumnSync>;
}

export interface TriggerReport {
  name?: string;
  table?: string;
  event?: string;
  form: 'create-trigger' | 'crud-trigger-call';
  writesPowerSyncCrud: boolean;
  sql?: string;
  file: string;
  line: number;
}

/** The JSON `preview --format json` prints and `preview --out` embeds in the HTML report. */
export interface PreviewReport {
  version: 1;
  schema: ReturnType<typeof schemaReport>;
  sync: TableSync[];
  triggers: TriggerReport[];
  simulation: PreviewSimulation;
}

export function previewReport(model: WorkspaceModel, simulation: PreviewSimulation, fileOf: (uri: string) => string): PreviewReport {
  const synced = syncedTables(model);
  const sync = model.tables.map((table): TableSync => {
    const entry = synced.find((s) => s.table === table);
    if (!entry) return { table: table.name, rawTables: [] };
    const localOnly = new Set(entry.localOnlyColumns.map((c) => c.name));
    const columns: Record<string, ColumnSync> = {};
    for (const column of table.columns) {
      const lower = column.name.toLowerCase();
      columns[column.name] = lower === 'id' ? 'id'
        : !entry.syncedColumns ? 'unknown'
        : entry.syncedColumns.has(lower) ? 'synced'
        : localOnly.has(column.name) ? 'local-only'
        : 'unknown';
    }
    return { table: table.name, rawTables: entry.rawTables.map((rt) => rt.name ?? '?'), columns };
  });
  const triggers = model.triggers.map((t): TriggerReport => ({
    name: t.name,
    table: t.table,
    event: t.event,
    form: t.form,
    writesPowerSyncCrud: t.writesPowerSyncCrud,
    sql: t.sql,
    file: fileOf(t.loc.uri),
    line: t.loc.range.start.line,
  }));
  return { version: 1, schema: schemaReport(model, fileOf), sync, triggers, simulation };
}

/** The browser bundle esbuild.mjs writes beside the CLI, inlined into the HTML report. */
function readWebviewBundle(distDir: string): { script: string; css: string } {
  const dir = path.join(distDir, 'webview');
  try {
    return { script: readFileSync(path.join(dir, 'preview.js'), 'utf8'), css: readFileSync(path.join(dir, 'preview.css'), 'utf8') };
  } catch {
    throw new UsageError(`the preview's browser bundle is missing from ${dir}; run node esbuild.mjs`);
  }
}

/**
 * `rawsync preview [PATH] --format json`: the derived schema and the sync simulated in the real
 * PowerSync core. `--out FILE.html`: the same, as a standalone report (data and code inlined, no
 * network). Exit 0 whatever the simulation shows: the preview reports, `check` judges.
 * The only file written is the --out file.
 */
export async function previewCommand(args: CliArgs, wasmDir: string): Promise<number> {
  const html = args.out !== undefined || args.format === 'html';
  if (args.format === 'html' && args.out === undefined) throw new UsageError('preview --format html needs --out FILE.html');
  if (!html && args.format !== 'json') throw new UsageError('preview needs --format json or --out FILE.html');
  if (args.out !== undefined && args.format === 'json') throw new UsageError('preview takes either --out FILE.html or --format json, not both');
  const bundle = html ? readWebviewBundle(wasmDir) : undefined;
  const { analyzer, base } = await loadWorkspace(args.paths, wasmDir);
  const model = analyzer.model();
  const simulation = simulatePreview(await loadEngine(wasmDir), model);
  const report = previewReport(model, simulation, (uri) => relativeFile(uri, base));
  if (bundle && args.out !== undefined) {
    const title = `Rawsync preview: ${path.basename(path.resolve(args.paths[0] ?? '.'))}`;
    writeFileSync(args.out, previewHtml(report, { ...bundle, title }));
    process.stderr.write(`rawsync: wrote ${args.out}\n`);
    return 0;
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}
