import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../findings/finding';
import type { SourceLocation } from '../model/location';
import { RULES } from '../rules/index';
import type { RuleDocs } from '../doors/rule-docs';
import { relativeFile } from '../frontends/relative-file';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: 1-based lines and columns, paths from %SRCROOT%.
 * A rule's `helpUri` is its page in this installation (`docs`), as a `file:` URI.
 */
export function findingsToSarif(findings: Finding[], base: string, docs?: RuleDocs): string {
  const rules = RULES.map((r) => r.meta);
  const location = (loc: SourceLocation) => ({
    physicalLocation: {
      artifactLocation: { uri: relativeFile(loc.uri, base), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: loc.range.start.line + 1,
        startColumn: loc.range.start.character + 1,
        endLine: loc.range.end.line + 1,
        endColumn: loc.range.end.character + 1,
      },
    },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rawsync',
            rules: rules.map((meta) => ({
              id: meta.id,
              name: meta.id,
              shortDescription: { text: meta.description },
              ...(docs?.uri(meta) ? { helpUri: docs.uri(meta) } : {}),
              defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base).href.replace(/\/?$/, '/') } },
        results: findings.map((f) => {
          const ruleIndex = rules.findIndex((m) => m.id === f.rule);
          return {
            ruleId: f.rule,
            ...(ruleIndex >= 0 ? { ruleIndex } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [location(f.loc)],
            ...(f.related.length > 0
              ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.loc), message: { text: r.message } })) }
              : {}),
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
