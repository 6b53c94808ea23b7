import { isMap, isScalar, parseDocument } from 'yaml';
import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import type { Position } from '../../model/location';

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
    const at = positions(text);
    facts.syncConfig = { text, keyLoc: { uri, range: { start: at(pair.key.range[0]), end: at(pair.key.range[1]) } } };
    break;
  }
  return facts;
}

export function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}
