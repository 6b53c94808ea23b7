// A large Kotlin Multiplatform workspace for the speed benches: the bundled clean example app
// (examples/todo-app-fixed: entities, Room database, raw tables, schema, triggers, gradle files)
// plus thousands of ordinary source files of the kind a real app is mostly made of (screens,
// view models, repositories, models, mappers) and one 3,000-line ordinary file. Deterministic:
// the same options give the same bytes.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BigWorkspaceOptions {
  /** Files in all, the example's included (default 2,000). */
  files?: number;
  /** One ordinary file in this many also calls something named `execute` or `connect` (default 40). */
  incidentalEvery?: number;
}

export interface BigWorkspace {
  root: string;
  files: number;
  bytes: number;
  /** The 3,000-line file of ordinary code. */
  bigOrdinaryFile: string;
  /** An entity file of the example. */
  entityFile: string;
}

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'todo-app-fixed');
const KINDS = ['Screen', 'ViewModel', 'Repository', 'Model', 'Mapper', 'UseCase', 'Formatter', 'Validator'];

export function writeBigWorkspace(root: string, options: BigWorkspaceOptions = {}): BigWorkspace {
  const total = options.files ?? 2000;
  const incidentalEvery = options.incidentalEvery ?? 40;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(EXAMPLE, root, { recursive: true });
  let files = countFiles(root);
  let bytes = 0;
  const src = path.join(root, 'shared', 'src', 'commonMain', 'kotlin', 'com', 'example', 'app');
  const bigOrdinaryFile = path.join(src, 'catalog', 'CatalogScreenContent.kt');
  mkdirSync(path.dirname(bigOrdinaryFile), { recursive: true });
  const big = bigFile(3000);
  writeFileSync(bigOrdinaryFile, big);
  bytes += big.length;
  files++;
  for (let i = 0; files < total; i++, files++) {
    const feature = `feature${Math.floor(i / 8)}`;
    const kind = KINDS[i % KINDS.length];
    const platform = i % 23 === 0 ? 'androidMain' : i % 29 === 0 ? 'iosMain' : 'commonMain';
    const dir = path.join(root, 'shared', 'src', platform, 'kotlin', 'com', 'example', 'app', feature);
    mkdirSync(dir, { recursive: true });
    const text = ordinaryFile(feature, kind, i, i % incidentalEvery === incidentalEvery - 1);
    writeFileSync(path.join(dir, `${capitalize(feature)}${kind}.kt`), text);
    bytes += text.length;
  }
  return {
    root,
    files,
    bytes,
    bigOrdinaryFile,
    entityFile: path.join(root, 'shared', 'src', 'commonMain', 'kotlin', 'com', 'example', 'todo', 'data', 'TodoEntity.kt'),
  };
}

function countFiles(dir: string): number {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    n += statSync(full).isDirectory() ? countFiles(full) : 1;
  }
  return n;
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

/** About 5.5 KB of ordinary Kotlin: a model, a state holder with flows, a mapper, some logic. */
function ordinaryFile(feature: string, kind: string, i: number, incidental: boolean): string {
  const name = `${capitalize(feature)}${kind}`;
  const item = `${capitalize(feature)}Item${i}`;
  const lines: string[] = [
    `package com.example.app.${feature}`,
    '',
    'import kotlinx.coroutines.flow.MutableStateFlow',
    'import kotlinx.coroutines.flow.StateFlow',
    'import kotlinx.coroutines.flow.asStateFlow',
    'import kotlinx.coroutines.flow.map',
    'import kotlinx.coroutines.CoroutineScope',
    'import kotlinx.coroutines.launch',
    'import kotlinx.datetime.Instant',
    '',
    `/** ${kind} of ${feature}: what the user sees of item ${i}. */`,
    `data class ${item}(`,
    '    val id: String,',
    '    val title: String,',
    '    val subtitle: String?,',
    '    val createdAt: Instant,',
    '    val tags: List<String> = emptyList(),',
    '    val score: Double = 0.0,',
    '    val pinned: Boolean = false,',
    ')',
    '',
    `sealed interface ${name}State {`,
    `    data object Loading : ${name}State`,
    `    data class Ready(val items: List<${item}>, val query: String) : ${name}State`,
    `    data class Failed(val reason: String) : ${name}State`,
    '}',
    '',
    `class ${name}(private val scope: CoroutineScope, private val source: suspend () -> List<${item}>) {`,
    `    private val state = MutableStateFlow<${name}State>(${name}State.Loading)`,
    `    val current: StateFlow<${name}State> = state.asStateFlow()`,
    '    val titles = current.map { s -> (s as? ' + `${name}State.Ready)?.items?.map { it.title } ?: emptyList() }`,
    '',
    '    fun refresh(query: String = "") {',
    '        scope.launch {',
    '            state.value = try {',
    '                val items = source().filter { query.isBlank() || it.title.contains(query, ignoreCase = true) }',
    `                ${name}State.Ready(items.sortedWith(compareByDescending<${item}> { it.pinned }.thenBy { it.title }), query)`,
    '            } catch (e: Exception) {',
    `                ${name}State.Failed(e.message ?: "unknown error")`,
    '            }',
    '        }',
    '    }',
    '',
  ];
  for (let f = 0; f < 12; f++) {
    lines.push(
      `    fun describe${f}(item: ${item}, verbose: Boolean = false): String {`,
      '        val base = "${item.title} (${item.id.take(8)})"',
      '        val extra = when {',
      `            item.score > ${f}.5 -> "high"`,
      `            item.tags.size > ${f % 4} -> item.tags.joinToString(", ", prefix = "[", postfix = "]")`,
      '            else -> item.subtitle.orEmpty()',
      '        }',
      '        return if (verbose) "$base: $extra, created ${item.createdAt}" else base',
      '    }',
      '',
    );
  }
  if (incidental) {
    lines.push(
      '    // Calls named like database calls on things that are not databases.',
      '    fun retry(action: Runnable, socket: Socket) {',
      '        socket.connect(timeoutMs = 500)',
      '        Executors.single().execute(action)',
      '    }',
      '',
    );
  }
  lines.push('}', '', `fun ${item}.isRecent(now: Instant): Boolean = (now - createdAt).inWholeDays < ${(i % 30) + 1}`, '');
  return lines.join('\n');
}

/** A 3,000-line file of ordinary code: many small composable-style functions. */
function bigFile(lineCount: number): string {
  const lines = [
    'package com.example.app.catalog',
    '',
    'import kotlinx.coroutines.flow.Flow',
    'import kotlinx.coroutines.flow.map',
    '',
    'data class CatalogEntry(val id: String, val label: String, val price: Long, val stock: Int)',
    '',
  ];
  for (let f = 0; lines.length < lineCount - 12; f++) {
    lines.push(
      `fun catalogSection${f}(entries: List<CatalogEntry>, filter: String): List<String> {`,
      '    val visible = entries.filter { it.label.contains(filter) && it.stock > 0 }',
      '    val total = visible.sumOf { it.price }',
      `    val header = "Section ${f}: \${visible.size} items, \${total / 100}.\${(total % 100).toString().padStart(2, '0')}"`,
      '    return listOf(header) + visible.map { entry ->',
      '        "  - ${entry.label} x${entry.stock}"',
      '    }',
      '}',
      '',
      `fun catalogFlow${f}(source: Flow<List<CatalogEntry>>): Flow<Int> = source.map { list -> list.count { it.price > ${f} } }`,
      '',
    );
  }
  while (lines.length < lineCount) lines.push('');
  return lines.join('\n');
}
