/** A Maven coordinate as written in a dependency: `group:artifact[:version]`. */
export interface Coordinate {
  group: string;
  artifact: string;
  /** Undefined when absent (a BOM or catalog decides it) or not readable. */
  version?: string;
}

/** Stands for a part of a string that could not be read (an unresolved `$name`). */
export const UNREADABLE = '\u0000';

/**
 * Reads `group:artifact`, `group:artifact:version`, `…:version:classifier` and `…@ext` strings.
 * Groups must be dotted (every real Maven group is) so that ordinary `a:b` strings stay out.
 * An unreadable version leaves `version` undefined; an unreadable group or artifact gives nothing.
 */
export function parseCoordinate(text: string, allowVersionless: boolean): Coordinate | undefined {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 4) return undefined;
  const [group, artifact, rawVersion] = parts;
  if (!isName(group) || !group.includes('.') || !isName(artifact)) return undefined;
  if (rawVersion === undefined) return allowVersionless ? { group, artifact } : undefined;
  const version = rawVersion.split('@')[0];
  if (version.length === 0 || version.includes(UNREADABLE)) return { group, artifact };
  if ([...version].some((c) => c.trim() === '' || c === '"' || c === "'")) return undefined;
  return { group, artifact, version };
}

function isName(text: string): boolean {
  if (text.length === 0) return false;
  for (const c of text) {
    const ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '.' || c === '-' || c === '_';
    if (!ok) return false;
  }
  return true;
}

/** A dotted plugin id (`androidx.room3`), as Gradle's plugin portal requires for non-core plugins. */
export function isPluginId(text: string): boolean {
  return /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(text);
}
