import { createHash } from 'node:crypto';
import type { FileFacts } from './facts';

/** Turns a file's text into facts (the front ends). */
export interface FactExtractor {
  extract(uri: string, text: string): FileFacts | undefined;
}

/**
 * The facts of every file in a workspace, keyed by URI. Updating a file whose text did not change
 * costs a hash; only changed files are parsed again.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, { hash: string; facts: FileFacts }>();
  private generation = 0;

  constructor(private readonly extractor: FactExtractor) {}

  /** Returns true when the file's facts changed. */
  update(uri: string, text: string): boolean {
    const hash = createHash('sha1').update(text).digest('hex');
    const existing = this.entries.get(uri);
    if (existing && existing.hash === hash) return false;
    const facts = this.extractor.extract(uri, text);
    if (!facts) {
      const had = this.entries.delete(uri);
      if (had) this.generation++;
      return had;
    }
    this.entries.set(uri, { hash, facts });
    this.generation++;
    return true;
  }

  remove(uri: string): boolean {
    const had = this.entries.delete(uri);
    if (had) this.generation++;
    return had;
  }

  /** The facts of one file, if indexed. */
  factsOf(uri: string): FileFacts | undefined {
    return this.entries.get(uri)?.facts;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** Increases whenever any file's facts change; lets callers cache a model per generation. */
  get version(): number {
    return this.generation;
  }

  files(): ReadonlyMap<string, FileFacts> {
    const map = new Map<string, FileFacts>();
    for (const [uri, entry] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) map.set(uri, entry.facts);
    return map;
  }
}
