import { closingParen, isSymbol, isWord, sameSqlName, type SqlToken } from '../sql/sql-text';
import { functionCalls } from '../sql/sql-outline';
import { triggerSourceMap } from '../model/sql-source-map';
import type { Column, Table, Trigger } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { rowReferenceAt, rowReferences } from '../sql/row-references';
import { sourceEdits, type SqlTextChange } from './sql-source-edits';
import { lineStartBefore, syncedChangeCondition, syncedColumnNames, triggerHead, whenTerms } from './synced-change-when';

/**
 * Keeps a hand-written trigger's upload to the synced columns: drops the local-only entries of
 * each `json_object(…)` (commas kept right), and the WHEN comparisons of local-only columns, so an
 * edit of only those queues nothing. A WHEN left empty is rebuilt over the synced columns (UPDATE)
 * or dropped. Silent when a json_object would be left empty.
 */
export function syncedUploadFix(trigger: Trigger, table: Table, localOnly: Column[], syncedColumns: ReadonlySet<string>): Fix | undefined {
  const map = triggerSourceMap(trigger);
  const head = map && triggerHead(map.text);
  if (!map || !head) return undefined;
  const isLocal = (name: string) => localOnly.some((c) => sameSqlName(c.name, name));
  const changes: SqlTextChange[] = [];
  for (const call of functionCalls(head.outline.body, 'json_object')) {
    if (call.args.length % 2 !== 0 || call.args.some((a) => a.length === 0)) return undefined;
    const entries: SqlToken[][] = [];
    for (let i = 0; i < call.args.length; i += 2) entries.push([...call.args[i], ...call.args[i + 1]]);
    const drop = entries.map((_, e) => {
      const [key, value] = [call.args[2 * e], call.args[2 * e + 1]];
      const named = key.length === 1 && key[0].kind === 'string' && isLocal(key[0].value);
      return named || rowReferences(value).some((r) => isLocal(r.column));
    });
    if (drop.every(Boolean)) return undefined;
    changes.push(...listRemovals(entries, drop));
  }
  if (changes.length === 0) return undefined;

  const terms = whenTerms(head);
  const dropTerms = terms.map((term) => changedColumn(term) !== undefined && isLocal(changedColumn(term)!));
  if (dropTerms.some(Boolean)) {
    if (!dropTerms.every(Boolean)) changes.push(...listRemovals(terms, dropTerms));
    else if (head.outline.event === 'UPDATE') {
      const columns = syncedColumnNames(table, syncedColumns);
      if (columns.length === 0) return undefined;
      const when = head.tokens[head.when];
      const condition = syncedChangeCondition(columns, lineStartBefore(map.text, when.start));
      changes.push({ start: terms[0][0].start, end: terms[terms.length - 1].at(-1)!.end, newText: condition });
    } else changes.push({ start: head.tokens[head.when].start, end: head.tokens[head.begin].start, newText: '' });
  }
  const edits = sourceEdits(map, changes);
  return edits ? { title: 'Upload only the synced columns (drop local-only ones from json_object and WHEN)', preferred: true, edits } : undefined;
}

/**
 * Removes the dropped items of a separated list (json_object entries, OR terms) with their
 * separators: a run is cut up to the next kept item, or from the previous kept item at the end.
 */
function listRemovals(items: SqlToken[][], drop: boolean[]): SqlTextChange[] {
  const changes: SqlTextChange[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!drop[i]) continue;
    let j = i;
    while (j + 1 < items.length && drop[j + 1]) j++;
    if (j + 1 < items.length) changes.push({ start: items[i][0].start, end: items[j + 1][0].start, newText: '' });
    else if (i > 0) changes.push({ start: items[i - 1].at(-1)!.end, end: items[j].at(-1)!.end, newText: '' });
    i = j;
  }
  return changes;
}

/** The column of `OLD.c != NEW.c` (or `<>`, `IS NOT`, either order, in parentheses), else undefined. */
function changedColumn(term: SqlToken[]): string | undefined {
  let tokens = term;
  while (tokens.length > 2 && isSymbol(tokens[0], '(') && closingParen(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1);
  const left = rowReferenceAt(tokens, 0);
  const isNot = isWord(tokens[3], 'IS') && isWord(tokens[4], 'NOT');
  const operator = isNot ? 2 : isSymbol(tokens[3], '!=') || isSymbol(tokens[3], '<>') ? 1 : 0;
  const right = operator ? rowReferenceAt(tokens, 3 + operator) : undefined;
  if (!left || !right || tokens.length !== 6 + operator || left.row === right.row || !sameSqlName(left.column, right.column)) return undefined;
  return left.column;
}
