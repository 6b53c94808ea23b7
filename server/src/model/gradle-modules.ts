import type { FileFacts } from './facts';

const BUILD_FILES = ['build.gradle.kts', 'build.gradle'];

/**
 * The Gradle module of each file: the nearest folder above it (or its own) that holds a
 * `build.gradle(.kts)`. Files with no build file above them share one module, the workspace's
 * (a workspace checked below its build file is one module as far as it can tell).
 */
export class GradleModules {
  private readonly roots: string[];

  constructor(files: ReadonlyMap<string, FileFacts>) {
    this.roots = [...files.keys()]
      .filter((uri) => BUILD_FILES.some((name) => uri.endsWith(`/${name}`) || uri === name))
      .map(folderOf)
      .sort((a, b) => b.length - a.length);
  }

  /** The module's folder (the empty string for files outside every module). */
  of(uri: string): string {
    const folder = folderOf(uri);
    return this.roots.find((root) => folder === root || folder.startsWith(`${root}/`)) ?? '';
  }
}

function folderOf(uri: string): string {
  const at = uri.lastIndexOf('/');
  return at < 0 ? '' : uri.slice(0, at);
}
