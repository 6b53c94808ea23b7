import './preview.css';
import { html } from './elements';
import { erDiagram } from './er-diagram';
import { tablesView } from './tables-view';
import { mappingsView } from './mappings-view';
import { chainView } from './chain-view';
import { timelineView } from './timeline-view';
import { startPanel } from './panel';
import type { PreviewReport } from '../server/src/engine/preview-report';

/** Must match PREVIEW_DATA_ID in server/src/cli/preview-html.ts. */
const DATA_ID = 'rawsync-preview-data';

function summary(report: PreviewReport): HTMLElement {
  const sim = report.simulation;
  const failed = sim.steps.filter((s) => !s.ok);
  const outcomes = sim.outcomes;
  const broken = (report.chains ?? []).reduce((n, c) => n + (c.rows ?? []).reduce((m, r) => m + r.breaks.length, 0), 0);
  const guessed = (sim.samples ?? []).filter((s) => s.source === 'client');
  return html('section', { class: 'card summary', id: 'summary' },
    html('div', { class: 'counts' },
      html('div', { class: 'count' }, html('b', {}, report.schema.tables.length), ' tables'),
      html('div', { class: 'count' }, html('b', {}, report.schema.rawTables.length), ' raw tables'),
      html('div', { class: 'count' }, html('b', {}, sim.steps.length), ' steps simulated'),
      html('div', { class: `count ${failed.length > 0 ? 'count-bad' : 'count-ok'}` }, html('b', {}, failed.length), ' failed'),
      (report.chains ?? []).some((c) => c.rows) && html('div', { class: `count ${broken > 0 ? 'count-bad' : 'count-ok'}` }, html('b', {}, broken), html('a', { href: '#chains' }, ' broken links'))),
    outcomes.length === 0 && sim.notSimulated.length === 0 && broken === 0
      ? html('p', { class: 'all-good' }, 'The simulated sync ran cleanly: every step passed.')
      : outcomes.length === 0 && broken > 0 && sim.notSimulated.length === 0
      ? html('p', {}, `No simulated step failed, but the sync chain has ${broken} broken link${broken === 1 ? '' : 's'}: `, html('a', { href: '#chains' }, 'see the sync chain'), '.')
      : outcomes.length > 0 && html('ul', { class: 'problems' }, outcomes.map((o) => html('li', {},
        html('a', { href: `#step-${o.step}` }, html('span', { class: 'badge bad' }, o.kind.replace(/-/g, ' '))), ' ', o.message))),
    guessed.length > 0 && html('p', { class: 'muted guessed-rows' },
      new Set(guessed.map((s) => s.reason)).size === 1
        ? `The sample rows of ${guessed.map((s) => s.rawTable).join(', ')} are guessed from the client's put, not the server's: ${guessed[0].reason ?? 'the sync config\'s columns are not known'}.`
        : `The sample rows of ${guessed.map((s) => `${s.rawTable} (${s.reason ?? 'the sync config\'s columns are not known'})`).join(', ')} are guessed from the client's put, not the server's.`),
    // What was left out is said, never passed over: no "every step passed" while anything was.
    sim.notSimulated.length > 0 && html('div', { class: 'not-simulated', id: 'not-simulated' },
      html('p', {}, outcomes.length === 0
        ? `No step that ran failed, but the simulation is incomplete: ${sim.notSimulated.length} part${sim.notSimulated.length === 1 ? ' was' : 's were'} not simulated.`
        : `Not simulated (${sim.notSimulated.length}):`),
      html('ul', {}, sim.notSimulated.map((n) => html('li', {},
        html('span', { class: 'badge' }, n.kind === 'raw-table' ? 'raw table' : 'trigger'), ' ', n.name ? html('span', { class: 'mono' }, n.name) : '(name unknown)', ': ', n.reason)))));
}

interface PageExtras {
  title?: string;
  /** The SQL console (panel only: the HTML report has no engine). */
  console?: HTMLElement;
  /** When the preview was built, and a rebuild button (panel only). */
  status?: HTMLElement;
}

function render(report: PreviewReport, extras: PageExtras = {}): HTMLElement {
  const section = (id: string, title: string, body: HTMLElement) =>
    html('section', { class: 'section', id }, html('h2', {}, title), body);
  const diagram = html('div', {},
    html('div', { class: 'diagram-frame' }, erDiagram(report)),
    html('p', { class: 'legend muted' },
      'Arrows go from the child table to its parent. ',
      html('span', { class: 'swatch-immediate' }, 'Solid red'), ': an immediate foreign key, checked row by row while the core applies a checkpoint. ',
      'Dashed: DEFERRABLE INITIALLY DEFERRED, checked at commit. ',
      html('span', { class: 'swatch-local' }, 'Italic columns'), ' are local-only (no raw table writes them).'));
  const links = [['summary', 'Summary'], ['diagram', 'Diagram'], ['tables', 'Tables'], ['mappings', 'Raw tables'], ['chains', 'Sync chain'], ['simulation', 'Simulation']];
  if (extras.console) links.push(['console', 'SQL console']);
  return html('div', { class: 'page' },
    html('header', { class: 'page-header' },
      html('h1', {}, extras.title ?? (document.title || 'Rawsync database preview')),
      html('nav', {}, links.map(([id, label]) => html('a', { href: `#${id}` }, label))),
      extras.status),
    summary(report),
    section('diagram', 'Entity-relationship diagram', diagram),
    section('tables', 'Tables', tablesView(report)),
    section('mappings', 'Raw tables: sync name → local table', mappingsView(report)),
    section('chains', 'Sync chain: Postgres → sync config → put → local column → upload', chainView(report)),
    section('simulation', 'Sync simulated in the PowerSync core', timelineView(report)),
    extras.console && section('console', 'SQL console over the preview database', extras.console));
}

function start(): void {
  const app = document.getElementById('app');
  const data = document.getElementById(DATA_ID);
  if (!app) return;
  if (!data && typeof globalThis.acquireVsCodeApi === 'function') {
    startPanel(app, (report, extras) => render(report, extras));
    return;
  }
  try {
    const report = JSON.parse(data?.textContent ?? '') as PreviewReport;
    app.replaceChildren(render(report));
  } catch (error) {
    app.replaceChildren(html('p', { class: 'load-error' }, `The preview data could not be read: ${String(error)}`));
  }
}

start();
