import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SourceLocation } from '../model/location';
import { evaluateObject } from '../model/evaluate';
import { clientChoice, evidencePlaces, installedText, JS_CLIENT_REMOVED, jsSdkLacks, RUST_CLIENT_DEFAULT, WITH_RAW_TABLES } from '../model/powersync/js-sdk-versions';

const RULE = 'js-rust-client-required';

/**
 * JS raw tables synced by the JavaScript sync client, which ignores them: "Raw tables require the
 * Rust-based sync client. The JS client will ignore them." (@powersync/common's
 * AbstractStreamingSyncImplementation, 1.34.0 to 1.52.x; RawTable.ts: "raw tables are only
 * supported when using the new SyncClientImplementation.rust sync client"). Two ways to get it,
 * each with the installed version proved by package.json and the lockfile:
 * - before @powersync/common 1.46.0 the JavaScript client is the default, and no code in the
 *   workspace sets `clientImplementation` (at all, or to anything but JAVASCRIPT);
 * - before 1.53.0, `clientImplementation: SyncClientImplementation.JAVASCRIPT` picks it.
 * Any `clientImplementation` whose value cannot be told, or no connect(…) call found, means silence.
 */
export const jsRustClientRequired: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'JS raw tables with the JavaScript sync client (the default before @powersync/common 1.46.0, or picked with SyncClientImplementation.JAVASCRIPT), which ignores them.',
    docs: `docs/rules/${RULE}.md`,
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    const rawTableCalls = [...model.files.values()].flatMap((f) => f.rawTables.filter((r) => r.map).map((fact) => ({ fact, uri: f.uri })));
    if (rawTableCalls.length === 0 || !model.rawTables.some((t) => t.api === 'js') || !model.sdkVersions.npm) return findings;
    const connects = [...model.files.values()].flatMap((f) => (f.jsConnects ?? []).map((c) => ({ ...c, uri: f.uri })));
    // Options Rawsync cannot read in full (a parameter, a spread of something unknown) may pick the Rust client.
    if (connects.some((c) => c.options && !evaluateObject(c.options, model.names.scope(c.uri, [])))) return findings;
    const choices: { choice: 'rust' | 'javascript' | undefined; loc: SourceLocation }[] = [];
    for (const facts of model.files.values()) {
      if (facts.language === 'typescript' && facts.unread) return findings;
      for (const c of facts.clientImplementations ?? []) choices.push({ choice: clientChoice(c.value, model.names.scope(facts.uri, [])), loc: c.loc });
    }
    // A choice Rawsync cannot read may be the Rust client: nothing is said.
    if (choices.some((c) => c.choice !== 'javascript')) return findings;
    const connectsRelated: RelatedLocation[] = connects.map((c) => ({ loc: c.loc, message: 'connect(…), with no clientImplementation' }));
    if (choices.length > 0) {
      // Every choice picks the JavaScript client.
      for (const choice of choices) {
        // A JAVASCRIPT choice in connect()'s options is rust-client-required's (with its fix).
        if (model.connections.some((c) => c.clientImplementation?.value === 'javascript' && within(c.clientImplementation.loc, choice.loc))) continue;
        const lacks = jsSdkLacks(model.sdkVersions, choice.loc.uri, JS_CLIENT_REMOVED);
        // Without withRawTables at all, js-sdk-raw-table-version tells the story.
        if (!lacks || jsSdkLacks(model.sdkVersions, choice.loc.uri, WITH_RAW_TABLES)) continue;
        findings.push({
          rule: RULE,
          severity: 'error',
          message:
            `The JavaScript sync client picked here ignores raw tables: nothing syncs into them. ` +
            `That client applies none of the raw tables' puts and deletes (the SDK warns: 'Raw tables require the Rust-based sync client. The JS client will ignore them.'). ` +
            `Installed: ${installedText(lacks.evidence)}. Use clientImplementation: SyncClientImplementation.RUST, or update the SDK (from @powersync/common 1.53.0 the Rust client is the only one).`,
          loc: choice.loc,
          related: [...rawTableCalls.map(({ fact }) => ({ loc: fact.loc, message: 'raw tables declared here' })), ...evidencePlaces(lacks.evidence)],
          fixes: [],
        });
      }
      return findings;
    }
    if (connects.length === 0) return findings;
    for (const { fact, uri } of rawTableCalls) {
      const lacks = jsSdkLacks(model.sdkVersions, uri, RUST_CLIENT_DEFAULT);
      if (!lacks || jsSdkLacks(model.sdkVersions, uri, WITH_RAW_TABLES)) continue;
      findings.push({
        rule: RULE,
        severity: 'error',
        message:
          `These raw tables are ignored: the installed SDK syncs with the JavaScript client by default. ` +
          `Before @powersync/common 1.46.0 (web 1.32.0, node 0.16.0, react-native 1.29.0) connect(…) uses the JavaScript sync client unless clientImplementation says otherwise, and no code here sets it. That client applies none of their puts and deletes (the SDK warns: 'Raw tables require the Rust-based sync client. The JS client will ignore them.'). ` +
          `Installed: ${installedText(lacks.evidence)}. Pass { clientImplementation: SyncClientImplementation.RUST } to connect(…), or update the SDK.`,
        loc: fact.loc,
        related: [...connectsRelated, ...evidencePlaces(lacks.evidence)],
        fixes: [],
      });
    }
    return findings;
  },
};


/** Whether `inner` lies inside `outer`. */
function within(inner: SourceLocation, outer: SourceLocation): boolean {
  const before = (a: SourceLocation['range']['start'], b: SourceLocation['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return inner.uri === outer.uri && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}
