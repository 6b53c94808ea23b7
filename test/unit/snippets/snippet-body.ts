/**
 * VS Code's snippet syntax, enough to expand a snippet the way the editor first inserts it:
 * every tab stop takes its placeholder's default (or a choice's first option), mirrors repeat it,
 * and transforms apply their regex and format. Anything else is an error, so a typo in a snippet
 * fails its test instead of reaching users.
 */

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: Part[]; choices?: string[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

type FormatPart = { kind: 'text'; text: string } | { kind: 'group'; group: number; caseChange?: CaseChange };
type CaseChange = 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase';

const CASE_CHANGES: readonly CaseChange[] = ['upcase', 'downcase', 'capitalize', 'camelcase', 'pascalcase'];

export class SnippetSyntaxError extends Error {}

class Reader {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): Part[] {
    const parts = this.parts(() => false);
    if (this.pos < this.source.length) this.fail('unexpected text');
    return parts;
  }

  private parts(stop: () => boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.source.length && !stop()) {
      const c = this.source[this.pos];
      if (c === '\\' && '$}\\'.includes(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        flush();
        parts.push(this.dollar());
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private dollar(): Part {
    this.pos++;
    const bare = /^\d+/.exec(this.rest());
    if (bare) {
      this.pos += bare[0].length;
      return { kind: 'tabstop', index: Number(bare[0]) };
    }
    if (this.source[this.pos] !== '{') this.fail('a `$` must start a tab stop (write `\\$` for a dollar sign; variables are not used in our snippets)');
    this.pos++;
    const index = /^\d+/.exec(this.rest());
    if (!index) this.fail('only numbered tab stops are used in our snippets');
    this.pos += index[0].length;
    const n = Number(index[0]);
    const next = this.source[this.pos];
    if (next === '}') {
      this.pos++;
      return { kind: 'tabstop', index: n };
    }
    if (next === ':') {
      this.pos++;
      const children = this.parts(() => this.source[this.pos] === '}');
      this.expect('}');
      return { kind: 'tabstop', index: n, children };
    }
    if (next === '|') {
      this.pos++;
      const choices: string[] = [];
      let option = '';
      for (;;) {
        const c = this.source[this.pos++];
        if (c === undefined) this.fail('unterminated choice');
        if (c === '\\' && ',|\\'.includes(this.source[this.pos] ?? '')) option += this.source[this.pos++];
        else if (c === ',') (choices.push(option), (option = ''));
        else if (c === '|') break;
        else option += c;
      }
      choices.push(option);
      this.expect('}');
      return { kind: 'tabstop', index: n, choices };
    }
    if (next === '/') {
      this.pos++;
      const regex = this.until('/');
      const format = this.format();
      const flags = this.until('}');
      return { kind: 'tabstop', index: n, transform: { regex: new RegExp(regex, flags), format } };
    }
    return this.fail('malformed tab stop');
  }

  private format(): FormatPart[] {
    const parts: FormatPart[] = [];
    let text = '';
    for (;;) {
      const c = this.source[this.pos];
      if (c === undefined) this.fail('unterminated transform');
      if (c === '/') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        text += this.source[this.pos + 1] ?? '';
        this.pos += 2;
        continue;
      }
      if (c !== '$') {
        text += c;
        this.pos++;
        continue;
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const group = /^\$(\d+)|^\$\{(\d+)(?::\/(\w+))?\}/.exec(this.rest());
      if (!group) this.fail('unsupported format');
      this.pos += group[0].length;
      const caseChange = group[3] as CaseChange | undefined;
      if (caseChange !== undefined && !CASE_CHANGES.includes(caseChange)) this.fail(`unknown case change /${caseChange}`);
      parts.push({ kind: 'group', group: Number(group[1] ?? group[2]), ...(caseChange ? { caseChange } : {}) });
    }
    if (text) parts.push({ kind: 'text', text });
    return parts;
  }

  private until(end: string): string {
    let text = '';
    for (;;) {
      const c = this.source[this.pos++];
      if (c === undefined) this.fail(`missing ${end}`);
      if (c === '\\' && this.source[this.pos] === end) text += this.source[this.pos++];
      else if (c === end) return text;
      else text += c;
    }
  }

  private expect(c: string): void {
    if (this.source[this.pos] !== c) this.fail(`expected ${c}`);
    this.pos++;
  }

  private rest(): string {
    return this.source.slice(this.pos);
  }

  private fail(message: string): never {
    throw new SnippetSyntaxError(`${message} at offset ${this.pos}: ${JSON.stringify(this.source.slice(Math.max(0, this.pos - 20), this.pos + 20))}`);
  }
}

export interface Expansion {
  text: string;
  /** The default text of each tab stop, by index. */
  defaults: Map<number, string>;
}

/**
 * The text VS Code inserts for `body` when every tab stop is left at its default, or set to what
 * `typed` gives for its index (as if typed over the placeholder).
 */
export function expandSnippet(body: string | string[], typed: Record<number, string> = {}): Expansion {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const parts = new Reader(source).parse();
  const defaults = new Map<number, string>(Object.entries(typed).map(([index, text]) => [Number(index), text]));
  // The first tab stop of an index that has a placeholder or choice decides its value.
  const collect = (list: Part[]) => {
    for (const part of list) {
      if (part.kind !== 'tabstop') continue;
      if (!defaults.has(part.index) && part.children) defaults.set(part.index, render(part.children));
      if (!defaults.has(part.index) && part.choices) defaults.set(part.index, part.choices[0]);
      if (part.children) collect(part.children);
    }
  };
  const render = (list: Part[]): string => list.map((part) => {
    if (part.kind === 'text') return part.text;
    const value = part.children && !defaults.has(part.index) ? render(part.children) : (defaults.get(part.index) ?? '');
    return part.transform ? applyTransform(value, part.transform) : value;
  }).join('');
  collect(parts);
  return { text: render(parts), defaults };
}

function applyTransform(value: string, transform: Transform): string {
  return value.replace(transform.regex, (...match) => transform.format.map((f) => {
    if (f.kind === 'text') return f.text;
    const group = typeof match[f.group] === 'string' ? (match[f.group] as string) : '';
    return f.caseChange ? changeCase(group, f.caseChange) : group;
  }).join(''));
}

function changeCase(text: string, change: CaseChange): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  switch (change) {
    case 'upcase':
      return text.toUpperCase();
    case 'downcase':
      return text.toLowerCase();
    case 'capitalize':
      return text.charAt(0).toUpperCase() + text.slice(1);
    case 'pascalcase':
      return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    case 'camelcase':
      return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  }
}
