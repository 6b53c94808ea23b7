import { createHash } from 'node:crypto';
import type { FileFacts } from './facts';

/** A file's facts, or empty facts and the names the file may declare when it was not parsed. */
export interface Extracted {
  facts: FileFacts;
  /** Set when the file was passed over by the pre-screen (its facts are `screened`). */
  declares?: ReadonlySet<string>;
}

/** Turns a file's text into facts (the front ends). */
export interface FactExtractor {
  extract(uri: string, text: string): FileFacts | undefined;
  /** Like `extract`, but may pass over a file that holds nothing but declarations. */
  extractScreened?(uri: string, text: string): Extracted | undefined;
  /**
   * Which of the mention keys a passed-over file's text holds (`call:f`, `completion:d`, a bare
   * name): the file's language decides what a call or a completion looks like.
   */
  mentionedWords?(uri: string, text: string, keys: readonly string[]): string[];
  /** How often the text names `word` as an identifier in code or strings (comments on lines of their own left out). */
  mentionCount?(uri: string, text: string, word: string): number;
}

/**
 * What the model asked the index for since it was built: the names it looked up and the words
 * whose every mention matters. A file passed over that declares or mentions none of them cannot
 * change the model, so an edit to it needs no new model.
 */
export interface Demand {
  readonly names: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
}

interface Entry {
  hash: string;
  facts: FileFacts;
  /** The file's text, for counting mentions of a name across every file (see mentionCount). */
  text: string;
  /** For a file passed over: its text (read in full when asked for) and the names it may declare. */
  passed?: { text: string; declares: ReadonlySet<string> };
}

/**
 * The facts of every file in a workspace, keyed by URI. Updating a file whose text did not change
 * costs a hash; only changed files are parsed again. Files the pre-screen passes over are parsed
 * when the model asks for a name they may declare or a word they mention.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  /** Name → the passed-over files that may declare it. */
  private readonly declaring = new Map<string, Set<string>>();
  /** Word → the passed-over files that mention it, for every word asked so far. */
  private readonly mentions = new Map<string, Set<string>>();
  private generation = 0;
  private sorted?: ReadonlyMap<string, FileFacts>;
  /** What the current model asked for; undefined before the first model. */
  demand?: Demand;

  constructor(private readonly extractor: FactExtractor, private readonly screening = true) {}

  /** Returns true when the file's facts changed (a new model is needed). */
  update(uri: string, text: string): boolean {
    const hash = createHash('sha1').update(text).digest('hex');
    const existing = this.entries.get(uri);
    if (existing && existing.hash === hash) return false;
    const extracted = this.screening && this.extractor.extractScreened
      ? this.extractor.extractScreened(uri, text)
      : wrap(this.extractor.extract(uri, text));
    if (!extracted) return this.remove(uri);
    this.forget(uri, existing);
    const entry: Entry = { hash, facts: extracted.facts, text };
    if (extracted.declares) entry.passed = { text, declares: extracted.declares };
    this.entries.set(uri, entry);
    this.sorted = undefined;
    if (entry.passed) {
      for (const name of entry.passed.declares) add(this.declaring, name, uri);
      for (const word of this.mentioned(uri, text, [...this.mentions.keys()])) add(this.mentions, word, uri);
      // Passed over before and after, declaring and mentioning nothing the model asked for: the
      // model is the same. (A file's platform comes from its path, which did not change.)
      if (existing?.passed && this.demand && !this.asked(uri, entry.passed.declares, text)) return false;
    }
    this.generation++;
    return true;
  }

  remove(uri: string): boolean {
    const existing = this.entries.get(uri);
    if (!existing) return false;
    this.forget(uri, existing);
    this.entries.delete(uri);
    this.sorted = undefined;
    this.generation++;
    return true;
  }

  /** The facts of one file, if indexed. */
  factsOf(uri: string): FileFacts | undefined {
    return this.entries.get(uri)?.facts;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  get size(): number {
    return this.entries.size;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** Increases whenever any file's facts change; lets callers cache a model per generation. */
  get version(): number {
    return this.generation;
  }

  /** Every file's facts in URI order (a new map when a file came or went since the last call). */
  files(): ReadonlyMap<string, FileFacts> {
    if (this.sorted && this.sorted.size === this.entries.size) {
      // Same files; facts read in full since are picked up below.
      let same = true;
      for (const [uri, facts] of this.sorted) if (this.entries.get(uri)?.facts !== facts) { same = false; break; }
      if (same) return this.sorted;
    }
    const map = new Map<string, FileFacts>();
    for (const uri of [...this.entries.keys()].sort()) map.set(uri, this.entries.get(uri)!.facts);
    this.sorted = map;
    return map;
  }

  /** Parses every passed-over file that may declare `name`; returns their facts (each file once). */
  readDeclaring(name: string): FileFacts[] {
    const uris = this.declaring.get(name);
    return uris ? [...uris].map((uri) => this.readFully(uri)) : [];
  }

  /** Parses every passed-over file that mentions one of `words` as an identifier; returns their facts. */
  readMentioning(words: readonly string[]): FileFacts[] {
    const fresh = words.filter((w) => !this.mentions.has(w));
    if (fresh.length > 0) {
      for (const word of fresh) this.mentions.set(word, new Set());
      // One pass per file for all the names at once; the few files that hold one are looked at closely.
      const anyName = new RegExp(fresh.map((key) => key.slice(key.indexOf(':') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
      for (const [uri, entry] of this.entries) {
        if (!entry.passed || !anyName.test(entry.passed.text)) continue;
        for (const word of this.mentioned(uri, entry.passed.text, fresh)) add(this.mentions, word, uri);
      }
    }
    const uris = new Set(words.flatMap((w) => [...(this.mentions.get(w) ?? [])]));
    return [...uris].map((uri) => this.readFully(uri));
  }

  /**
   * How often every indexed file together names `word` as an identifier (comments on lines of their own left out), or
   * undefined when the front ends cannot count. Strings count: a name in one may be a call by name.
   */
  mentionCount(word: string): number | undefined {
    const count = this.extractor.mentionCount;
    if (!count) return undefined;
    let total = 0;
    for (const [uri, entry] of this.entries) if (entry.text.includes(word)) total += count.call(this.extractor, uri, entry.text, word);
    return total;
  }

  /** Re-reads passed-over files whose text the screen now reads in full; returns true when any. */
  rescreen(screens: (text: string) => boolean): boolean {
    let any = false;
    for (const [uri, entry] of this.entries) {
      if (entry.passed && screens(entry.passed.text)) {
        this.readFully(uri);
        any = true;
      }
    }
    return any;
  }

  /** Replaces a passed-over file's empty facts with its parsed ones (the model it belongs to stays valid). */
  private readFully(uri: string): FileFacts {
    const entry = this.entries.get(uri)!;
    if (!entry.passed) return entry.facts;
    const { text } = entry.passed;
    this.forget(uri, entry);
    entry.passed = undefined;
    entry.facts = this.extractor.extract(uri, text) ?? entry.facts;
    return entry.facts;
  }

  private asked(uri: string, declares: ReadonlySet<string>, text: string): boolean {
    const demand = this.demand!;
    for (const name of declares) if (demand.names.has(name)) return true;
    return demand.words.size > 0 && this.mentioned(uri, text, [...demand.words]).length > 0;
  }

  private mentioned(uri: string, text: string, keys: readonly string[]): string[] {
    return keys.length === 0 ? [] : this.extractor.mentionedWords?.(uri, text, keys) ?? [];
  }

  private forget(uri: string, entry: Entry | undefined): void {
    if (!entry?.passed) return;
    for (const name of entry.passed.declares) this.declaring.get(name)?.delete(uri);
    for (const uris of this.mentions.values()) uris.delete(uri);
  }
}

function wrap(facts: FileFacts | undefined): Extracted | undefined {
  return facts && { facts };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
