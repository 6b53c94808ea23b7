import { html } from './elements';
import type { ConsoleCell, ConsoleResult, ConsoleResultSet } from '../server/src/engine/console-query';

export interface ConsoleHost {
  /** Runs SQL on the preview database (in the language server). */
  run(sql: string): Promise<ConsoleResult>;
  initialSql: string;
  history: string[];
  /** Called after each run, to keep the text and the history across reloads. */
  remember(sql: string, history: string[]): void;
}

const EXAMPLES: [string, string][] = [
  ['Tables', "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"],
  ['ps_crud', 'SELECT id, tx_id, data FROM ps_crud ORDER BY id'],
  ['ps_oplog', 'SELECT bucket, op_id, row_type, row_id FROM ps_oplog ORDER BY op_id LIMIT 50'],
  ['Triggers', "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name"],
];

const MAX_HISTORY = 20;

function cellText(value: ConsoleCell): string {
  if (value === null) return 'NULL';
  if (typeof value === 'object') return `<blob ${value.blobBytes} bytes>`;
  return String(value);
}

function resultSet(set: ConsoleResultSet): HTMLElement {
  const head = html('div', { class: 'console-sql mono' }, set.sql);
  if (set.columns.length === 0) {
    return html('div', { class: 'console-result', 'data-kind': 'change' }, head,
      html('p', { class: 'muted' }, `${set.rowsModified} row${set.rowsModified === 1 ? '' : 's'} changed.`));
  }
  return html('div', { class: 'console-result', 'data-kind': 'rows' }, head,
    html('div', { class: 'console-table-frame' },
      html('table', { class: 'columns console-table' },
        html('thead', {}, html('tr', {}, set.columns.map((c) => html('th', {}, c)))),
        html('tbody', {}, set.rows.map((row) => html('tr', {}, row.map((v) => html('td', { class: v === null ? 'mono muted' : 'mono' }, cellText(v)))))))),
    html('p', { class: 'muted' }, `${set.rows.length} row${set.rows.length === 1 ? '' : 's'}${set.truncated ? ' (more were left out)' : ''}.`));
}

/** The SQL console: a query box over the preview database and its results. */
export function consoleView(host: ConsoleHost): HTMLElement {
  let history = host.history.slice(0, MAX_HISTORY);
  const input = html('textarea', { class: 'console-input mono', rows: 4, spellcheck: 'false', 'aria-label': 'SQL to run on the preview database' });
  input.value = host.initialSql;
  const output = html('div', { class: 'console-output', 'aria-live': 'polite' });
  const run = html('button', { class: 'console-run', type: 'button' }, 'Run');
  let browsing = -1;
  const execute = async () => {
    const sql = input.value.trim();
    if (sql.length === 0) return;
    run.disabled = true;
    output.replaceChildren(html('p', { class: 'muted' }, 'Running…'));
    const result = await host.run(sql);
    run.disabled = false;
    history = [sql, ...history.filter((h) => h !== sql)].slice(0, MAX_HISTORY);
    browsing = -1;
    host.remember(sql, history);
    output.replaceChildren(
      ...result.results.map(resultSet),
      result.error ? html('pre', { class: 'console-error core-error' }, result.error) : '',
      html('p', { class: 'muted console-time' }, `${result.ok ? 'Ran in' : 'Failed after'} ${result.milliseconds} ms.`));
  };
  run.addEventListener('click', () => void execute());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void execute();
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && history.length > 0) {
      event.preventDefault();
      browsing = Math.min(history.length - 1, Math.max(0, browsing + (event.key === 'ArrowUp' ? 1 : -1)));
      input.value = history[browsing];
    }
  });
  return html('div', { class: 'console' },
    html('p', { class: 'muted' }, 'Runs in the language server on a copy of the database the simulation left (sample rows, ps_crud, ps_oplog). Writes stay in that copy until the preview is rebuilt. Ctrl+Enter runs; Alt+Up and Alt+Down go through earlier queries.'),
    html('div', { class: 'console-examples' }, EXAMPLES.map(([label, sql]) => {
      const button = html('button', { type: 'button', class: 'console-example' }, label);
      button.addEventListener('click', () => {
        input.value = sql;
        void execute();
      });
      return button;
    })),
    input,
    html('div', { class: 'console-actions' }, run),
    output);
}
