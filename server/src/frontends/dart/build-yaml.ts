import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';

/** The language id of a Dart package's `build.yaml` (build_runner's configuration). */
export const BUILD_YAML_LANGUAGE = 'dart-build-yaml';

/**
 * `build.yaml`: the options of drift_dev's builders (`drift_dev`, `drift_dev:modular`, …) under
 * `targets.<target>.builders`, which the Drift model reads (docs/facts.md §12):
 * `store_date_time_values_as_text` (DateTime columns TEXT instead of INTEGER) and
 * `case_from_dart_to_sql` (how getter and class names become SQL names). A file that cannot be
 * parsed, or that sets these options differently in two places, is marked unreadable.
 */
export function extractBuildYamlFacts(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, BUILD_YAML_LANGUAGE, platform);
  const loc = { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  } catch {
    doc = undefined;
  }
  if (!doc || doc.errors.length > 0) {
    facts.driftBuildOptions = { unreadable: 'build.yaml could not be parsed', loc };
    return facts;
  }
  const root = doc.contents;
  if (!isMap(root)) return facts;
  const targets = root.get('targets', true);
  if (!isMap(targets)) return facts;
  const found: Record<string, unknown>[] = [];
  for (const target of targets.items) {
    if (!isMap(target.value)) continue;
    const builders = target.value.get('builders', true);
    if (!isMap(builders)) continue;
    for (const builder of builders.items) {
      if (!isScalar(builder.key) || typeof builder.key.value !== 'string' || !/^drift_dev(?::|$)/.test(builder.key.value)) continue;
      if (!isMap(builder.value)) continue;
      const options = builder.value.get('options', true);
      if (options === undefined) continue;
      if (!isMap(options)) {
        facts.driftBuildOptions = { unreadable: `the options of ${builder.key.value} in build.yaml are not a map`, loc };
        return facts;
      }
      found.push((options.toJSON() ?? {}) as Record<string, unknown>);
    }
  }
  if (found.length === 0) return facts;
  const pick = (key: string): { value?: unknown; conflict?: true } => {
    const values = found.filter((o) => key in o).map((o) => o[key]);
    if (values.some((v) => v !== values[0])) return { conflict: true };
    return values.length > 0 ? { value: values[0] } : {};
  };
  const store = pick('store_date_time_values_as_text');
  const casing = pick('case_from_dart_to_sql');
  if (store.conflict || casing.conflict) {
    facts.driftBuildOptions = { unreadable: 'build.yaml gives drift_dev\'s builders different options', loc };
    return facts;
  }
  facts.driftBuildOptions = {
    ...('value' in store ? { storeDateTimeValuesAsText: store.value } : {}),
    ...('value' in casing ? { caseFromDartToSql: casing.value } : {}),
    loc,
  };
  return facts;
}
