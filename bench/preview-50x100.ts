// The preview at scale: a generated Room + PowerSync workspace of 50 entities (each with a deferred
// foreign key to the one before, synced by an upsert put, with hand-written CRUD triggers and a
// local-only column), analyzed, built in the real core, and simulated with 100 rows per table.
// Run with `node bench/preview-50x100.mjs` (see bench/README.md).
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../server/src/analyzer';
import { loadEngine } from '../server/src/engine/sqljs';
import { simulatePreview } from '../server/src/engine/sync-scenario';
import { buildPreviewDatabase, planPreviewDatabase } from '../server/src/engine/preview-database';

const TABLES = Number(process.env.TABLES ?? 50);
const ROWS = Number(process.env.ROWS ?? 100);
const WASM_DIR = path.join(__dirname, '..', '..', 'dist');

const name = (i: number) => `t${String(i).padStart(2, '0')}`;
const className = (i: number) => `T${String(i).padStart(2, '0')}Entity`;

function entity(i: number): string {
  const foreignKey = i === 0
    ? ''
    : `,\n    foreignKeys = [ForeignKey(entity = ${className(i - 1)}::class, parentColumns = ["id"], childColumns = ["parent_id"], deferred = true)],\n    indices = [Index("parent_id")]`;
  return `@Entity(
    tableName = "${name(i)}"${foreignKey}
)
data class ${className(i)}(
    @PrimaryKey val id: String,
${i === 0 ? '' : '    @ColumnInfo(name = "parent_id") val parentId: String,\n'}    val title: String,
    val note: String?,
    val amount: Long,
    val ratio: Double,
    val done: Boolean,
    @ColumnInfo(name = "local_flag", defaultValue = "0") val localFlag: Int = 0,
)
`;
}

function syncedColumns(i: number): string[] {
  return [...(i === 0 ? [] : ['parent_id']), 'title', 'note', 'amount', 'ratio', 'done'];
}

function rawTable(i: number): string {
  const columns = syncedColumns(i);
  return `val ${name(i)}Table = RawTable(
    name = "${name(i)}",
    put = PendingStatement(
        "INSERT INTO ${name(i)} (id, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)}) ON CONFLICT(id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}",
        listOf(PendingStatementParameter.Id, ${columns.map((c) => `PendingStatementParameter.Column("${c}")`).join(', ')}),
    ),
    delete = PendingStatement("DELETE FROM ${name(i)} WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;
}

function triggers(i: number): string {
  const t = name(i);
  const data = `json_object(${syncedColumns(i).map((c) => `'${c}', NEW.${c}`).join(', ')})`;
  const changed = syncedColumns(i).map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return `        connection.execSQL("CREATE TRIGGER IF NOT EXISTS ${t}_insert AFTER INSERT ON ${t} BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, '${t}', ${data}); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS ${t}_update AFTER UPDATE ON ${t} WHEN ${changed} BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, '${t}', ${data}); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS ${t}_delete AFTER DELETE ON ${t} BEGIN INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, '${t}'); END")
`;
}

function workspace(): Record<string, string> {
  const indexes = Array.from({ length: TABLES }, (_, i) => i);
  return {
    'src/commonMain/kotlin/bench/Entities.kt': `package bench

import androidx.room.ColumnInfo
import androidx.room.Database
import androidx.room.Entity
import androidx.room.ForeignKey
import androidx.room.Index
import androidx.room.PrimaryKey
import androidx.room.RoomDatabase

${indexes.map(entity).join('\n')}
@Database(entities = [${indexes.map((i) => `${className(i)}::class`).join(', ')}], version = 1)
abstract class BenchDatabase : RoomDatabase()
`,
    'src/commonMain/kotlin/bench/Sync.kt': `@file:OptIn(ExperimentalPowerSyncAPI::class)

package bench

import com.powersync.ExperimentalPowerSyncAPI
import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema

${indexes.map(rawTable).join('\n')}
val benchSchema = Schema(${indexes.map((i) => `${name(i)}Table`).join(', ')})
`,
    'src/commonMain/kotlin/bench/Triggers.kt': `package bench

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

class CrudTriggers : RoomDatabase.Callback() {
    override fun onOpen(connection: SQLiteConnection) {
${indexes.map(triggers).join('')}    }
}
`,
  };
}

async function main(): Promise<void> {
  const files = workspace();
  // Wall time and this process's CPU time: on a busy machine the CPU time is the steadier figure.
  const marks: { wall: number; cpu: number }[] = [];
  const mark = () => {
    const { user, system } = process.cpuUsage();
    marks.push({ wall: performance.now(), cpu: (user + system) / 1000 });
    return marks.length - 1;
  };
  const started = mark();
  const engine = await loadEngine(WASM_DIR);
  const analyzer = await Analyzer.create(WASM_DIR);
  const loaded = mark();
  for (const [file, text] of Object.entries(files)) analyzer.index.update(pathToFileURL(path.join('/bench', file)).href, text);
  const model = analyzer.model();
  const analyzed = mark();
  const plan = planPreviewDatabase(model);
  const planned = mark();
  const database = buildPreviewDatabase(engine, plan);
  const built = mark();
  // The scenario runs on the database just built, as the server's preview builds it once.
  const simulation = simulatePreview(engine, model, { rowsPerTable: ROWS, timings: true, prebuilt: { plan, database } });
  const simulated = mark();

  const failed = simulation.steps.filter((s) => !s.ok);
  const ms = (a: number, b: number) => `${(marks[b].wall - marks[a].wall).toFixed(0).padStart(6)} ms wall, ${(marks[b].cpu - marks[a].cpu).toFixed(0).padStart(6)} ms cpu`;
  const sumOf = (prefix: string) => simulation.steps.filter((s) => s.id.startsWith(prefix)).reduce((sum, s) => sum + (s.milliseconds ?? 0), 0);
  console.log(`preview bench: ${model.tables.length} tables × ${simulation.rowsPerTable} rows, ${model.rawTables.length} raw tables, ${model.triggers.length} triggers`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}, core ${simulation.coreVersion}`);
  console.log(`load engine + grammar   ${ms(started, loaded)}`);
  console.log(`analyze (parse + model) ${ms(loaded, analyzed)}`);
  console.log(`plan the database       ${ms(analyzed, planned)}`);
  console.log(`build the database      ${ms(planned, built)}`);
  console.log(`simulate (all steps)    ${ms(built, simulated)}`);
  console.log('steps of the simulation (wall):');
  for (const id of ['build', 'first-sync', 'set-local-only', 'second-sync', 'upload']) {
    const step = simulation.steps.find((s) => s.id === id);
    if (step) console.log(`  ${id.padEnd(22)}${(step.milliseconds ?? 0).toFixed(0).padStart(6)} ms`);
  }
  const writes = simulation.steps.filter((s) => s.id.startsWith('local-')).length;
  console.log(`  ${`local writes (${writes})`.padEnd(22)}${sumOf('local-').toFixed(0).padStart(6)} ms`);
  console.log(`steps: ${simulation.steps.length}, failed: ${failed.length}, outcomes: ${simulation.outcomes.length}`);
  for (const step of failed) console.log(`  failed ${step.id}: ${step.error ?? ''}`);
  const wall = (a: number, b: number) => Math.round(marks[b].wall - marks[a].wall);
  console.log(JSON.stringify({ bench: 'preview-50x100', tables: model.tables.length, rows: simulation.rowsPerTable, loadMs: wall(started, loaded), analyzeMs: wall(loaded, analyzed), planMs: wall(analyzed, planned), buildMs: wall(planned, built), simulateMs: wall(built, simulated), previewMs: wall(loaded, simulated), previewCpuMs: Math.round(marks[simulated].cpu - marks[loaded].cpu), steps: simulation.steps.length, failed: failed.length, outcomes: simulation.outcomes.length, load: Number(os.loadavg()[0].toFixed(1)) }));
  if (failed.length > 0 || simulation.outcomes.length > 0) process.exitCode = 1;
}

void main();
