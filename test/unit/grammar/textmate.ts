import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IOnigLib } from 'vscode-textmate';
import { repoRoot } from '../../support/paths';

export const INJECTION_SCOPE = 'rawsync.kotlin.sql-injection';

/**
 * Which `source.kotlin` the injection is tested over: ours (syntaxes/kotlin.tmLanguage.json), or
 * the Kotlin grammar a Kotlin extension would bring (tm-grammars' copy of it, used in tests only).
 */
export type KotlinBase = 'rawsync' | 'tm-grammars';
export const KOTLIN_BASES: KotlinBase[] = ['rawsync', 'tm-grammars'];

const requireFromRoot = createRequire(path.join(repoRoot(), 'package.json'));

/** A file of an installed package, found through Node's resolution from the repository root. */
function packageFile(pkg: string, relative: string): string {
  return requireFromRoot.resolve(`${pkg}/${relative}`);
}

export function syntaxPath(name: string): string {
  return path.join(repoRoot(), 'syntaxes', name);
}

function grammarFiles(base: KotlinBase): Record<string, string> {
  return {
    'source.kotlin': base === 'rawsync' ? syntaxPath('kotlin.tmLanguage.json') : packageFile('tm-grammars', 'grammars/kotlin.json'),
    // VS Code ships this SQL grammar (microsoft/vscode-mssql's); tm-grammars carries the same file.
    'source.sql': packageFile('tm-grammars', 'grammars/sql.json'),
    [INJECTION_SCOPE]: syntaxPath('rawsync-sql-injection.tmLanguage.json'),
  };
}

let onigLib: Promise<IOnigLib> | undefined;

/** vscode-oniguruma's wasm, loaded once per process. */
export function loadOniguruma(): Promise<IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(packageFile('vscode-oniguruma', 'release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

const grammars = new Map<KotlinBase, Promise<IGrammar>>();

/** The Kotlin grammar with our SQL injection, as VS Code would assemble it. */
export function kotlinGrammar(base: KotlinBase): Promise<IGrammar> {
  let loading = grammars.get(base);
  if (!loading) {
    loading = (async () => {
      const files = grammarFiles(base);
      const registry = new Registry({
        onigLib: loadOniguruma(),
        loadGrammar: async (scopeName) => {
          const file = files[scopeName];
          return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
        },
        // package.json's `injectTo: ["source.kotlin"]`.
        getInjections: (scopeName) => (scopeName === 'source.kotlin' ? [INJECTION_SCOPE] : undefined),
      });
      const grammar = await registry.loadGrammar('source.kotlin');
      if (!grammar) throw new Error('source.kotlin did not load');
      return grammar;
    })();
    grammars.set(base, loading);
  }
  return loading;
}

export interface Token {
  /** 1-based, as an editor shows it. */
  line: number;
  text: string;
  /** Scopes below the root `source.kotlin`, outermost first. */
  scopes: string[];
}

/** Every non-blank token of the text, line by line. */
export function tokenize(grammar: IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state = INITIAL;
  text.split(/\r?\n/).forEach((lineText, index) => {
    const result = grammar.tokenizeLine(lineText, state);
    state = result.ruleStack;
    for (const token of result.tokens) {
      const tokenText = lineText.slice(token.startIndex, token.endIndex);
      if (tokenText.trim() === '') continue;
      tokens.push({ line: index + 1, text: tokenText, scopes: token.scopes.slice(1) });
    }
  });
  return tokens;
}

/** A tokenized fixture file with lookups by marker text. */
export class TokenizedFile {
  readonly lines: string[];

  constructor(readonly text: string, readonly tokens: Token[]) {
    this.lines = text.split(/\r?\n/);
  }

  /** The 1-based line holding `marker`; throws when there is not exactly one. */
  lineOf(marker: string): number {
    const found = this.lines.flatMap((line, i) => (line.includes(marker) ? [i + 1] : []));
    if (found.length !== 1) throw new Error(`expected one line with ${JSON.stringify(marker)}, found ${found.length}`);
    return found[0];
  }

  /** The tokens of the line holding `marker`. */
  tokensOn(marker: string): Token[] {
    const line = this.lineOf(marker);
    return this.tokens.filter((t) => t.line === line);
  }

  /** The `occurrence`-th token whose text is exactly `text` on the line holding `marker`. */
  token(marker: string, text: string, occurrence = 0): Token {
    const matching = this.tokensOn(marker).filter((t) => t.text.trim() === text);
    const token = matching[occurrence];
    if (!token) {
      const seen = this.tokensOn(marker).map((t) => JSON.stringify(t.text)).join(' ');
      throw new Error(`no token ${JSON.stringify(text)} (#${occurrence}) on the line with ${JSON.stringify(marker)}; tokens: ${seen}`);
    }
    return token;
  }
}

export async function tokenizeFixture(base: KotlinBase, ...segments: string[]): Promise<TokenizedFile> {
  const text = readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'grammar', ...segments), 'utf8');
  return new TokenizedFile(text, tokenize(await kotlinGrammar(base), text));
}

/** True when one of the scopes equals `scope` or starts with `scope.` (TextMate's prefix rule). */
export function hasScope(token: Token, scope: string): boolean {
  return token.scopes.some((s) => s.split(' ').some((part) => part === scope || part.startsWith(scope + '.')));
}

/** The token's text followed by its scopes, for readable assertion messages. */
export function describe(token: Token): string {
  return `${JSON.stringify(token.text)} on line ${token.line}: ${token.scopes.join(' / ') || '(no scope)'}`;
}

/** VS Code's own grammars of the hosts our other injections go into (tm-grammars carries them). */
const HOST_GRAMMARS: Record<string, string> = {
  'source.ts': 'typescript',
  'source.tsx': 'tsx',
  'source.js': 'javascript',
  'source.js.jsx': 'jsx',
  'source.dart': 'dart',
  'source.sql': 'sql',
};

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** package.json's grammars: each injection is loaded into the hosts its `injectTo` names, as VS Code does. */
function contributedGrammars(): GrammarContribution[] {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')).contributes.grammars;
}

const hostGrammars = new Map<string, Promise<IGrammar>>();

/** A host grammar (`source.ts`, `source.dart`, …) with the injections package.json contributes to it. */
export function hostGrammar(scopeName: string): Promise<IGrammar> {
  let loading = hostGrammars.get(scopeName);
  if (!loading) {
    loading = (async () => {
      const contributions = contributedGrammars();
      const fileOf = (scope: string): string | undefined => {
        const own = contributions.find((g) => g.scopeName === scope && !(scope in HOST_GRAMMARS));
        if (own) return path.join(repoRoot(), own.path);
        const name = HOST_GRAMMARS[scope];
        return name ? packageFile('tm-grammars', `grammars/${name}.json`) : undefined;
      };
      const registry = new Registry({
        onigLib: loadOniguruma(),
        loadGrammar: async (scope) => {
          const file = fileOf(scope);
          return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
        },
        getInjections: (scope) => contributions.filter((g) => g.injectTo?.includes(scope)).map((g) => g.scopeName),
      });
      const grammar = await registry.loadGrammar(scopeName);
      if (!grammar) throw new Error(`${scopeName} did not load`);
      return grammar;
    })();
    hostGrammars.set(scopeName, loading);
  }
  return loading;
}

/** A fixture under test/fixtures/grammar/ tokenized by a host grammar with our injections. */
export async function tokenizeHostFixture(scopeName: string, ...segments: string[]): Promise<TokenizedFile> {
  const text = readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'grammar', ...segments), 'utf8');
  return new TokenizedFile(text, tokenize(await hostGrammar(scopeName), text));
}
