import { html, type Child } from './elements';
import { sourceLink } from './source-link';
import type { PreviewReport } from '../server/src/engine/preview-report';
import type { ChainLink, ChainRow, SyncChain } from '../server/src/engine/sync-chain';
import type { SampleRowsReport } from '../server/src/engine/sync-scenario';

const LINKS: [ChainLink, string][] = [
  ['postgres', 'Postgres column'],
  ['output', 'Sync config output'],
  ['put', 'Put parameter'],
  ['local', 'Local column'],
  ['upload', 'Uploaded key'],
];

/** `PowerSyncSchema.kt:64`: the file's name is enough beside its parameter. */
const shortPlace = (place: { file: string; line: number }) => `${place.file.split(/[\\/]/).pop() ?? place.file}:${place.line + 1}`;

const muted = (text: string) => html('span', { class: 'muted' }, text);
const mono = (text: string) => html('span', { class: 'mono' }, text);

function postgresCell(row: ChainRow): Child {
  switch (row.postgres.state) {
    case 'column': return mono(row.postgres.column);
    case 'row-id': return muted('the queries\' id');
    case 'computed': return muted('computed by a query');
    case 'several': return muted('several columns');
    case 'none': return muted('—');
    default: return muted('unknown');
  }
}

function outputCell(row: ChainRow): Child {
  const output = row.output;
  if (output.state === 'not-sent') return muted('not sent');
  return [mono(output.name), ' ', muted(output.rowId ? 'row id' : output.type),
    output.nullable === true ? [' ', html('span', { class: 'badge', title: output.nullableFrom ? `NULL allowed in ${output.nullableFrom}` : 'NULL allowed' }, 'NULL')]
      : output.nullable === undefined && !output.rowId ? [' ', muted('nullability unknown')] : null];
}

function putCell(row: ChainRow): Child {
  const put = row.put;
  if (put.state === 'not-read') return muted('not read');
  if (put.state === 'unknown') return muted('unknown');
  const label = put.kind === 'Column' ? `Column("${put.key ?? '?'}")` : put.kind === 'inferred' ? `by name: ${put.key ?? ''}` : put.kind;
  return [mono(label), put.position === undefined ? null : muted(` #${put.position + 1}`), put.place ? sourceLink(put.place.file, put.place.line, 'muted mono chain-place', shortPlace(put.place)) : null];
}

function localCell(row: ChainRow): Child {
  const local = row.local;
  if (local.state !== 'column') return muted(local.state === 'none' ? '—' : 'unknown');
  return [mono(local.name), ' ', muted(local.type), local.notNull ? [' ', html('span', { class: 'badge' }, 'NOT NULL')] : null];
}

function uploadCell(row: ChainRow): Child {
  const upload = row.upload;
  if (upload.state === 'key') return mono(upload.key);
  if (upload.state === 'row-id') return muted('the entry\'s id');
  const label = upload.state === 'nothing' ? 'nothing queued' : upload.state === 'absent' ? 'not uploaded' : 'unknown';
  return html('span', { class: 'muted', title: upload.note }, label);
}

const CELLS: Record<ChainLink, (row: ChainRow) => Child> = { postgres: postgresCell, output: outputCell, put: putCell, local: localCell, upload: uploadCell };

function chainRow(row: ChainRow): HTMLElement {
  const key = row.output.state === 'sent' ? row.output.name : row.put.state === 'read' ? row.put.key ?? '' : row.upload.state === 'key' ? row.upload.key : '';
  return html('tr', { class: row.breaks.length > 0 ? 'chain-row chain-row-broken' : 'chain-row', 'data-chain-key': key, 'data-broken': String(row.breaks.length > 0) },
    LINKS.map(([link], i) => {
      const breaks = row.breaks.filter((b) => b.at === link);
      return [
        i > 0 ? html('td', { class: 'chain-arrow', 'aria-hidden': 'true' }, '→') : null,
        html('td', {
          class: breaks.length > 0 ? 'chain-cell chain-break' : 'chain-cell',
          'data-link': link,
          ...(breaks.length > 0 ? { title: breaks.map((b) => b.reason).join('\n') } : {}),
        }, CELLS[link](row)),
      ];
    }));
}

function samplesBlock(samples: SampleRowsReport | undefined): HTMLElement | null {
  if (!samples) return null;
  const server = samples.source === 'sync-config';
  return html('div', { class: 'chain-samples', 'data-source': samples.source },
    html('h4', {}, 'Rows the simulated first sync sent ',
      server
        ? html('span', { class: 'badge ok', title: 'Exactly the columns, names and types the sync config outputs, NULL where Postgres allows it.' }, 'the server\'s columns')
        : html('span', { class: 'badge local', title: samples.reason ?? 'The sync config\'s output for this table is not known.' }, 'guessed from the client')),
    !server && html('p', { class: 'muted' }, `Keys taken from the put, not from the server: ${samples.reason ?? 'the sync config\'s output for this table is not known'}.`),
    html('div', { class: 'console-table-frame' },
      html('table', { class: 'columns chain-sample-rows' },
        html('thead', {}, html('tr', {}, html('th', {}, 'id'), samples.keys.map((k) => html('th', { class: 'mono' }, k)))),
        html('tbody', {}, samples.rows.map((r) => html('tr', {},
          html('td', { class: 'mono' }, r.id),
          samples.keys.map((k) => html('td', { class: 'mono' }, r.data[k] === null ? muted('NULL') : r.data[k] === undefined ? muted('—') : String(r.data[k])))))))),
    samples.count > samples.rows.length && html('p', { class: 'muted' }, `${samples.rows.length} of ${samples.count} rows shown.`));
}

function chainCard(chain: SyncChain, samples: SampleRowsReport | undefined): HTMLElement {
  const rows = chain.rows ?? [];
  const broken = rows.filter((r) => r.breaks.length > 0);
  const breaks = broken.reduce((n, r) => n + r.breaks.length, 0);
  return html('section', { class: 'card chain', 'data-raw-table': chain.rawTable, 'data-known': String(chain.unknown === undefined) },
    html('h3', {}, mono(chain.rawTable), ' → ', mono(chain.table ?? '(unknown table)'),
      chain.unknown !== undefined ? html('span', { class: 'badge' }, 'server side not known')
        : breaks > 0 ? html('span', { class: 'badge bad' }, `${breaks} broken link${breaks === 1 ? '' : 's'}`)
          : html('span', { class: 'badge ok' }, 'every link holds')),
    chain.unknown !== undefined
      ? html('p', { class: 'muted' }, `The chain needs the sync config's columns for ${chain.rawTable}: ${chain.unknown}.`)
      : [
        html('p', { class: 'muted' }, chain.source ? ['From ', mono(chain.source), ' · '] : null,
          (chain.queries ?? []).map((q, i) => [i > 0 ? ' · ' : '', `${q.kind} ${q.definition} `, sourceLink(q.file, q.line)])),
        html('div', { class: 'chain-frame' },
          html('table', { class: 'chain-table' },
            html('thead', {}, html('tr', {}, LINKS.map(([, label], i) => [i > 0 ? html('th', { class: 'chain-arrow' }, '') : null, html('th', {}, label)]))),
            html('tbody', {}, rows.map(chainRow)))),
        broken.length > 0 && html('ul', { class: 'chain-breaks' }, broken.flatMap((r) => r.breaks).filter((b, i, all) => all.findIndex((o) => o.reason === b.reason) === i)
          .map((b) => html('li', { 'data-link': b.at }, html('span', { class: 'badge bad' }, LINKS.find(([l]) => l === b.at)?.[1] ?? b.at), ' ', b.reason))),
      ],
    samplesBlock(samples));
}

/** Each raw table's chain, Postgres to the upload and back, with what breaks it in red. */
export function chainView(report: PreviewReport): HTMLElement {
  const chains = report.chains ?? [];
  if (chains.length === 0) return html('p', { class: 'muted' }, 'No raw table with a sync name was found.');
  const samples = report.simulation.samples ?? [];
  return html('div', { class: 'chains' },
    html('p', { class: 'legend muted' }, 'Each synced value travels left to right on the first sync and back to the right on an upload. ',
      html('span', { class: 'swatch-break' }, 'Red'), ': a link known to break (hover for why). Uploaded keys are those a simulated local insert queued in ps_crud.'),
    chains.map((chain) => chainCard(chain, samples.find((s) => s.rawTable === chain.rawTable))));
}
