import { html } from './elements';
import type { PreviewReport } from '../server/src/engine/preview-report';

type Step = PreviewReport['simulation']['steps'][number];
type Outcome = PreviewReport['simulation']['outcomes'][number];

/** A failed step whose error is SQLite's constraint text, named the way the core reports it. */
function failureKind(step: Step): string | undefined {
  const text = step.error ?? '';
  if (/FOREIGN KEY constraint failed/i.test(text)) return 'FOREIGN KEY';
  if (/UNIQUE constraint failed/i.test(text)) return 'UNIQUE';
  if (/NOT NULL constraint failed/i.test(text)) return 'NOT NULL';
  if (/constraint failed/i.test(text)) return 'CONSTRAINT';
  return step.error ? 'ERROR' : undefined;
}

function stepItem(step: Step, outcomes: Outcome[]): HTMLElement {
  const kind = failureKind(step);
  const state = step.ok ? 'pass' : 'fail';
  return html('li', { class: `step step-${state}`, id: `step-${step.id}`, 'data-step': step.id, 'data-ok': String(step.ok) },
    html('div', { class: 'step-head' },
      html('span', { class: `status status-${state}`, 'aria-label': step.ok ? 'passed' : 'failed' }, step.ok ? '✓' : '✗'),
      html('span', { class: 'step-title' }, step.title),
      kind ? html('span', { class: 'badge bad failure-kind' }, kind) : null,
      html('span', { class: 'muted mono step-id' }, step.id)),
    step.error ? html('pre', { class: 'core-error' }, step.error) : null,
    outcomes.map((o) => html('p', { class: `outcome outcome-${o.kind}` }, html('strong', {}, o.kind.replace(/-/g, ' ')), ': ', o.message)),
    html('details', {}, html('summary', {}, 'Details'), html('pre', {}, JSON.stringify(step.details, null, 2))));
}

/** The simulation as a timeline: each step with pass/fail, the core's own error and what it means. */
export function timelineView(report: PreviewReport): HTMLElement {
  const sim = report.simulation;
  return html('div', { class: 'timeline' },
    html('p', { class: 'muted' }, `PowerSync core ${sim.coreVersion} · foreign keys ${sim.foreignKeys.enabled ? 'on' : 'off'} (${sim.foreignKeys.reason}) · ${sim.rowsPerTable} sample rows per table`),
    html('ol', { class: 'steps' }, sim.steps.map((step) => stepItem(step, sim.outcomes.filter((o) => o.step === step.id)))));
}
