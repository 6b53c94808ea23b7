/** Compares dotted versions numerically (`1.10.0` > `1.9.2`); pre-release suffixes sort first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.trim().split(/-(.*)/s, 2);
    return { parts: core.split('.').map((p) => Number.parseInt(p, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

/** True when `version` lies in [from, to) — `to` undefined means no upper bound. */
export function versionInRange(version: string, from: string, to?: string): boolean {
  return compareVersions(version, from) >= 0 && (to === undefined || compareVersions(version, to) < 0);
}
