import type { Finding } from '../findings/finding';
import { relativeFile } from '../frontends/relative-file';

/**
 * The CLI's JSON contract (DESIGN.md): version 1, 0-based lines and characters. Each fix also says
 * whether it is `preferred` (the one `rawsync fix` and *Fix all* apply), a field added to version 1.
 */
export function findingsToJson(findings: Finding[], base: string): string {
  return JSON.stringify(
    {
      version: 1,
      findings: findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        file: relativeFile(f.loc.uri, base),
        range: f.loc.range,
        related: f.related.map((r) => ({ file: relativeFile(r.loc.uri, base), range: r.loc.range, message: r.message })),
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          preferred: fix.preferred === true,
          edits: fix.edits.map((e) => ({ file: relativeFile(e.uri, base), range: e.range, newText: e.newText })),
        })),
      })),
    },
    null,
    2,
  );
}
