import { isMap, isScalar, Lexer, parseDocument, Scalar } from 'yaml';
import { parseDisableComment } from '../disable-comment';
import { emptyFacts, type FileFacts, type Platform, type SyncConfigFact } from '../../model/facts';
import { positionsOf, type Position, type SourceLocation } from '../../model/location';
import { placesInSyncConfig } from '../../model/backend/sync-config-places';

/** The language id of PowerSync sync configs (bucket definitions or sync streams). */
export const SYNC_CONFIG_LANGUAGE = 'powersync-sync-config';

/** The top-level keys that make a YAML file a sync config. */
const SYNC_CONFIG_KEYS = ['bucket_definitions', 'streams'];

/** A PowerSync service config's key for its sync config (`sync_rules` is the older name). */
const SERVICE_KEYS = ['sync_config', 'sync_rules'];

/**
 * A YAML file read as a sync config when its top level holds `bucket_definitions` or `streams`:
 * its text, which the model compiles with PowerSync's own compiler. A PowerSync service config
 * (`sync_config:` or the older `sync_rules:`) gives its inline `content` as a sync config placed
 * in the file, or the `path` of the sync config file the service runs. Other YAML files give no
 * facts.
 */
export function extractSyncConfig(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, SYNC_CONFIG_LANGUAGE, platform);
  if (![...SYNC_CONFIG_KEYS, ...SERVICE_KEYS].some((key) => text.includes(key))) return facts;
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const contents = document.contents;
  if (!isMap(contents)) return facts;
  const at = positionsOf(text);
  const locOf = (range: readonly number[]) => ({ uri, range: { start: at(range[0]), end: at(range[1]) } });
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    if (SYNC_CONFIG_KEYS.includes(key)) {
      facts.syncConfig = { text, keyLoc: locOf(pair.key.range) };
      break;
    }
    if (SERVICE_KEYS.includes(key) && isMap(pair.value)) {
      const content: unknown = pair.value.get('content', true);
      const path: unknown = pair.value.get('path', true);
      if (isScalar(content) && typeof content.value === 'string' && content.range) facts.syncConfig = inlineSyncConfig(uri, text, content, locOf(content.range));
      else if (isScalar(path) && typeof path.value === 'string' && path.value.trim() !== '' && path.range) facts.syncConfigReference = { path: path.value.trim(), loc: locOf(path.range) };
      break;
    }
  }
  if (facts.syncConfig || facts.syncConfigReference) facts.disableComments = disableComments(uri, text);
  return facts;
}

/**
 * The sync config inline in a service config's `content`. A literal block scalar (`|`) keeps each
 * line whole after its indentation, so each line of the value is placed in the file; any other
 * scalar (folded, quoted, plain) places everything on the value. Undefined when the value is not a
 * sync config.
 */
function inlineSyncConfig(uri: string, fileText: string, node: Scalar, contentLoc: SourceLocation): SyncConfigFact | undefined {
  const text = node.value as string;
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (!isMap(document.contents)) return undefined;
  const keyPair = document.contents.items.find((p) => isScalar(p.key) && SYNC_CONFIG_KEYS.includes(String(p.key.value)));
  if (!keyPair || !isScalar(keyPair.key) || !keyPair.key.range) return undefined;
  const lineStarts = node.type === Scalar.BLOCK_LITERAL ? blockLineStarts(fileText, node, text) : undefined;
  const fact: SyncConfigFact = { text, keyLoc: contentLoc, ...(lineStarts ? { lineStarts } : { contentLoc }) };
  if (lineStarts) {
    fact.keyLoc = { uri, range: placesInSyncConfig(fact)(keyPair.key.range[0], keyPair.key.range[1]) };
  }
  return fact;
}

/** Where each line of a literal block scalar's value starts in the file; undefined when it cannot be told (an explicit indentation indicator). */
function blockLineStarts(fileText: string, node: Scalar, value: string): Position[] | undefined {
  const at = positionsOf(fileText);
  const start = node.range![0];
  const headerEnd = fileText.indexOf('\n', start);
  if (headerEnd < 0 || /\d/.test(fileText.slice(start, headerEnd))) return undefined;
  const firstLine = at(headerEnd + 1).line;
  // The indentation is that of the first line that is not blank.
  const lines = fileText.slice(headerEnd + 1).split('\n');
  const first = lines.find((line) => line.trim() !== '');
  if (first === undefined) return undefined;
  const indent = first.length - first.trimStart().length;
  const count = value.split('\n').length;
  return Array.from({ length: count }, (_, k) => ({ line: firstLine + k, character: indent }));
}

/** `# rawsync-disable-next-line id…` comments, found among the YAML lexer's comment tokens. */
function disableComments(uri: string, text: string): FileFacts['disableComments'] {
  const out: FileFacts['disableComments'] = [];
  const at = positionsOf(text);
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.startsWith('#')) {
      const rules = parseDisableComment(token.slice(1));
      if (rules) {
        const start = at(offset);
        out.push({ line: start.line + 1, rules, loc: { uri, range: { start, end: at(offset + token.length) } } });
      }
    }
    // Control tokens (document and flow markers) hold no source text.
    if (!/^[\u0000-\u001f]$/.test(token) || token === '\n' || token === '\t' || token === '\r') offset += token.length;
  }
  return out;
}

