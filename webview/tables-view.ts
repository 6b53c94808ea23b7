import { html } from './elements';
import { sourceLink } from './source-link';
import type { ColumnSync, PreviewReport, TriggerReport } from '../server/src/engine/preview-report';

type SchemaTable = PreviewReport['schema']['tables'][number];

const lower = (s: string) => s.toLowerCase();

const SYNC_LABEL: Record<ColumnSync, string> = {
  id: 'row id',
  synced: 'synced',
  'local-only': 'local-only',
  unknown: 'unknown',
};

/** Index SQL names the index after CREATE [UNIQUE] INDEX [IF NOT EXISTS]; shown in full anyway. */
function indexName(sql: string): string {
  const words = sql.replace(/[`"[\]]/g, '').split(/\s+/);
  const at = words.findIndex((w) => lower(w) === 'on');
  return at > 0 ? words[at - 1] : sql;
}

function columnsTable(t: SchemaTable, sync: Record<string, ColumnSync> | undefined): HTMLElement {
  const pk = new Set(t.primaryKey?.columns ?? []);
  const fkColumns = new Map<string, string>();
  for (const fk of t.foreignKeys) fk.childColumns.forEach((c, i) => fkColumns.set(c, `${fk.parentTable}(${fk.parentColumns[i] ?? '?'})`));
  return html('table', { class: 'columns' },
    html('thead', {}, html('tr', {}, ['Column', 'Type', 'NOT NULL', 'Key', 'Default', 'Sync'].map((h) => html('th', {}, h)))),
    html('tbody', {}, t.columns.map((c) => {
      const state = sync?.[c.name];
      const keys = [pk.has(c.name) ? (t.primaryKey?.autoGenerate ? 'PK (auto)' : 'PK') : '', fkColumns.has(c.name) ? `FK → ${fkColumns.get(c.name)}` : ''].filter(Boolean);
      return html('tr', { 'data-column': c.name },
        html('td', { class: 'mono' }, c.name),
        html('td', { class: 'mono' }, c.affinity ?? '?', c.collate ? ` COLLATE ${c.collate}` : ''),
        html('td', { class: 'nowrap' }, c.notNull ? 'NOT NULL' : ''),
        html('td', { class: 'mono' }, keys.join(', ')),
        html('td', { class: 'mono' }, c.defaultValue ?? ''),
        html('td', {}, state ? html('span', { class: `badge sync-${state}` }, SYNC_LABEL[state]) : html('span', { class: 'muted' }, 'not synced')));
    })));
}

function tableCard(t: SchemaTable, report: PreviewReport): HTMLElement {
  const sync = report.sync.find((s) => lower(s.table) === lower(t.name));
  const triggers = report.triggers.filter((tr: TriggerReport) => tr.table !== undefined && lower(tr.table) === lower(t.name));
  const built = report.simulation.steps.find((s) => s.id === 'build')?.details.triggers as Record<string, string[]> | undefined;
  const builtTriggers = built?.[t.name] ?? [];
  return html('section', { class: 'card table-card', id: `table-${t.name}`, 'data-table': t.name },
    html('h3', {}, html('span', { class: 'mono' }, t.name), ' ',
      sync && sync.rawTables.length > 0 ? html('span', { class: 'badge synced' }, `synced by ${sync.rawTables.join(', ')}`)
        : sync?.syncUnknown ? html('span', { class: 'badge', title: 'A raw table Rawsync could not resolve may write into it (see the not-analyzed findings).' }, 'sync not known')
        : html('span', { class: 'badge local' }, 'local only')),
    html('p', { class: 'muted' }, t.origin === 'room-entity' && t.entity ? `Room entity ${t.entity}` : t.origin === 'drizzle' ? 'Drizzle table' : t.origin === 'drift' ? 'Drift table' : t.origin, ' · ', sourceLink(t.file, t.line, 'mono')),
    columnsTable(t, sync?.columns),
    t.foreignKeys.length > 0 && html('div', { class: 'subsection' }, html('h4', {}, 'Foreign keys'),
      html('ul', {}, t.foreignKeys.map((fk) => html('li', { class: 'mono' },
        `(${fk.childColumns.join(', ')}) → ${fk.parentTable}(${fk.parentColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate} `,
        fk.deferred ? html('span', { class: 'badge ok' }, 'DEFERRABLE INITIALLY DEFERRED') : html('span', { class: 'badge bad' }, 'immediate'))))),
    t.indexSql.length > 0 && html('div', { class: 'subsection' }, html('h4', {}, 'Indexes'),
      html('ul', {}, t.indexSql.map((sql) => html('li', {}, html('span', { class: 'mono' }, indexName(sql)), html('pre', {}, sql))))),
    html('div', { class: 'subsection' }, html('h4', {}, 'Triggers'),
      triggers.length === 0 && builtTriggers.length === 0
        ? html('p', { class: 'muted' }, sync?.triggersUnknown
          ? 'No trigger that Rawsync could read; a trigger it could not resolve may be on this table (see the not-analyzed findings).'
          : 'No trigger: local writes to this table reach no powersync_crud entry.')
        : html('ul', {},
          triggers.map((tr) => html('li', {},
            html('span', { class: 'mono' }, tr.name ?? '(unnamed)'), ` ${tr.event ?? ''} `,
            tr.writesPowerSyncCrud ? html('span', { class: 'badge ok' }, 'writes powersync_crud') : null,
            html('div', { class: 'where' }, sourceLink(tr.file, tr.line)),
            tr.sql ? html('details', {}, html('summary', {}, 'SQL'), html('pre', {}, tr.sql)) : null)),
          builtTriggers.filter((name) => !triggers.some((tr) => tr.name === name)).map((name) =>
            html('li', {}, html('span', { class: 'mono' }, name), ' ', html('span', { class: 'muted' }, 'created in the preview database'))))));
}

export function tablesView(report: PreviewReport): HTMLElement {
  return html('div', { class: 'tables' }, report.schema.tables.map((t) => tableCard(t, report)));
}
