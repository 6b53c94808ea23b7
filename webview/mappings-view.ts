import { html } from './elements';
import { sourceLink } from './source-link';
import type { PreviewReport } from '../server/src/engine/preview-report';

type RawTableJson = { put?: { sql?: string }; delete?: { sql?: string }; clear?: string | { sql?: string } } & Record<string, unknown>;

const statementOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as { sql?: unknown }).sql === 'string' ? (value as { sql: string }).sql : undefined;

/** Each raw table: sync name → local table, its put/delete/clear and the JSON the core receives. */
export function mappingsView(report: PreviewReport): HTMLElement {
  const raw = report.schema.rawTables;
  if (raw.length === 0) return html('p', { class: 'muted' }, 'No raw table was found in a PowerSync Schema.');
  return html('div', { class: 'mappings' }, raw.map((rt) => {
    const json = (rt.json ?? {}) as RawTableJson;
    const statements: [string, string | undefined][] = [['put', statementOf(json.put)], ['delete', statementOf(json.delete)], ['clear', statementOf(json.clear)]];
    return html('section', { class: 'card mapping', 'data-raw-table': rt.name ?? '' },
      html('h3', {}, html('span', { class: 'mono' }, rt.name ?? '(unnamed)'), ' → ', html('span', { class: 'mono' }, rt.localTable ?? '(unknown table)'),
        ' ', html('span', { class: 'badge' }, rt.platform)),
      html('p', {}, sourceLink(rt.file, rt.line)),
      html('dl', {}, statements.map(([kind, sql]) => [
        html('dt', {}, kind),
        html('dd', {}, sql ? html('pre', {}, sql) : html('span', { class: kind === 'clear' ? 'muted' : 'badge bad' }, kind === 'clear' ? 'none' : 'missing or unknown')),
      ])),
      html('details', {}, html('summary', {}, 'Core JSON'), html('pre', {}, JSON.stringify(rt.json, null, 2))));
  }));
}
