import picomatch from 'picomatch';

/**
 * A predicate for `rawsync.exclude`: workspace-relative, `/`-separated paths matched against the
 * globs (`**\/build/**`); a folder that matches is skipped with everything under it.
 */
export function excludeMatcher(globs: string[]): ((relativePath: string) => boolean) | undefined {
  const patterns = globs.filter((g) => g.trim().length > 0);
  if (patterns.length === 0) return undefined;
  const match = picomatch(patterns, { dot: true });
  return (relativePath) => match(relativePath) || match(`${relativePath}/`);
}
