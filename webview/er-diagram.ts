import dagre, { type Point } from '@dagrejs/dagre';
import { svg } from './elements';
import type { PreviewReport } from '../server/src/engine/preview-report';

type SchemaTable = PreviewReport['schema']['tables'][number];

/** Monospace metrics of the diagram's text (see .er-diagram in preview.css): sizes without measuring. */
const CHAR_WIDTH = 7.2;
const ROW_HEIGHT = 18;
const HEADER_HEIGHT = 26;
const PADDING_X = 10;

interface DiagramEdge {
  child: string;
  parent: string;
  label: string;
  deferred: boolean;
}

const lower = (s: string) => s.toLowerCase();

/** The entity-relationship diagram: one box per table, one arrow per foreign key, laid out by dagre. */
export function erDiagram(report: PreviewReport): SVGSVGElement {
  const tables = report.schema.tables;
  const syncOf = new Map(report.sync.map((s) => [lower(s.table), s]));
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'RL', nodesep: 36, ranksep: 90, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));

  const rowsOf = (t: SchemaTable) => t.columns.map((c) => {
    const key = t.primaryKey?.columns.includes(c.name) ? 'PK' : t.foreignKeys.some((fk) => fk.childColumns.includes(c.name)) ? 'FK' : '';
    return { key, name: c.name, type: c.affinity ?? '', sync: syncOf.get(lower(t.name))?.columns?.[c.name] };
  });
  for (const t of tables) {
    const rows = rowsOf(t);
    const widest = Math.max(t.name.length + 8, ...rows.map((r) => 4 + r.name.length + 2 + r.type.length));
    graph.setNode(lower(t.name), { width: widest * CHAR_WIDTH + 2 * PADDING_X, height: HEADER_HEIGHT + rows.length * ROW_HEIGHT + 6 });
  }
  const edges = new Map<string, DiagramEdge>();
  for (const t of tables) {
    t.foreignKeys.forEach((fk, i) => {
      const parent = lower(fk.parentTable);
      if (!graph.hasNode(parent)) return;
      const edge = { child: lower(t.name), parent, label: `${fk.childColumns.join(', ')} → ${fk.parentColumns.join(', ')}`, deferred: fk.deferred };
      const name = `${edge.child}:${i}`;
      edges.set(name, edge);
      graph.setEdge(edge.child, edge.parent, { width: edge.label.length * CHAR_WIDTH + 8, height: 18, labelpos: 'c' }, name);
    });
  }
  dagre.layout(graph);

  const size = graph.graph();
  const width = Math.max(size.width ?? 0, 200);
  const height = Math.max(size.height ?? 0, 80);
  const root = svg('svg', { class: 'er-diagram', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Entity-relationship diagram' },
    svg('defs', {},
      svg('marker', { id: 'er-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'er-arrow-head' }))));

  for (const e of graph.edges()) {
    const layout = graph.edge(e);
    const edge = edges.get(e.name ?? '');
    const points: Point[] = layout.points ?? [];
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const kind = edge?.deferred ? 'deferred' : 'immediate';
    root.append(svg('g', { class: `er-edge er-edge-${kind}`, 'data-child': e.v, 'data-parent': e.w },
      svg('title', {}, `${e.v}(${edge?.label ?? ''}) — ${edge?.deferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'immediate: checked on every row'}`),
      svg('path', { d, 'marker-end': 'url(#er-arrow)' }),
      layout.x !== undefined && layout.y !== undefined && edge
        ? [
          svg('rect', { class: 'er-edge-label', x: layout.x - (edge.label.length * CHAR_WIDTH * 0.92) / 2 - 4, y: layout.y - 9, width: edge.label.length * CHAR_WIDTH * 0.92 + 8, height: 18, rx: 3 }),
          svg('text', { x: layout.x, y: layout.y + 4, 'text-anchor': 'middle' }, edge.label),
        ]
        : null));
  }

  for (const t of tables) {
    const node = graph.node(lower(t.name));
    const x = (node.x ?? 0) - node.width / 2;
    const y = (node.y ?? 0) - node.height / 2;
    const synced = (syncOf.get(lower(t.name))?.rawTables.length ?? 0) > 0;
    const group = svg('g', { class: `er-table${synced ? ' er-table-synced' : ''}`, 'data-table': t.name, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` },
      svg('rect', { class: 'er-box', width: node.width, height: node.height, rx: 4 }),
      svg('rect', { class: 'er-header', width: node.width, height: HEADER_HEIGHT, rx: 4 }),
      svg('text', { class: 'er-title', x: PADDING_X, y: 17 }, t.name),
      synced ? svg('text', { class: 'er-badge', x: node.width - PADDING_X, y: 17, 'text-anchor': 'end' }, 'synced') : null);
    rowsOf(t).forEach((row, i) => {
      const rowY = HEADER_HEIGHT + i * ROW_HEIGHT + 14;
      group.append(
        svg('text', { class: `er-key er-key-${row.key.toLowerCase() || 'none'}`, x: PADDING_X, y: rowY }, row.key),
        svg('text', { class: `er-column${row.sync === 'local-only' ? ' er-local-only' : ''}`, x: PADDING_X + 4 * CHAR_WIDTH, y: rowY }, row.name),
        svg('text', { class: 'er-type', x: node.width - PADDING_X, y: rowY, 'text-anchor': 'end' }, row.type));
    });
    root.append(group);
  }
  return root;
}
