import { isMap, isScalar, Lexer, parseDocument } from 'yaml';
import { parseDisableComment } from '../disable-comment';
import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { positionsOf } from '../../model/location';

/** The language id of PowerSync sync configs (bucket definitions or sync streams). */
export const SYNC_CONFIG_LANGUAGE = 'powersync-sync-config';

/** The top-level keys that make a YAML file a sync config. */
const SYNC_CONFIG_KEYS = ['bucket_definitions', 'streams'];

/**
 * A YAML file read as a sync config only when its top level holds `bucket_definitions` or
 * `streams`: its text, which the model compiles with PowerSync's own compiler. Other YAML files
 * (a service config, a CLI config) give no facts.
 */
export function extractSyncConfig(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, SYNC_CONFIG_LANGUAGE, platform);
  if (!SYNC_CONFIG_KEYS.some((key) => text.includes(key))) return facts;
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const contents = document.contents;
  if (!isMap(contents)) return facts;
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || !SYNC_CONFIG_KEYS.includes(String(pair.key.value)) || !pair.key.range) continue;
    const at = positionsOf(text);
    facts.syncConfig = { text, keyLoc: { uri, range: { start: at(pair.key.range[0]), end: at(pair.key.range[1]) } } };
    break;
  }
  if (facts.syncConfig) facts.disableComments = disableComments(uri, text);
  return facts;
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

