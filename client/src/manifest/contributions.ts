// The commands and settings package.json contributes, from one source: the rule metas for the
// per-rule settings, this file for the rest. scripts/write-manifest.mjs writes them into
// package.json; test/vscode/manifest.test.ts fails when the two drift.
import type { RuleMeta } from '../../../server/src/findings/rule';
import type { LanguagePlugin } from '../../../server/src/frontends/plugin';
import { ruleDocCommandUri } from '../rule-docs';

export const CATEGORY = 'Rawsync';

export interface CommandSpec {
  command: string;
  title: string;
  /** One line for the README's commands table. */
  description: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { command: 'rawsync.restartServer', title: 'Restart Server', description: 'Stops the Rawsync language server and starts it again (after an update or when it misbehaves).' },
  { command: 'rawsync.checkWorkspace', title: 'Check Workspace', description: 'Reads every workspace file from disk again and re-checks the whole workspace.' },
  { command: 'rawsync.previewDatabase', title: 'Preview Database', description: "Opens the Database Preview: the tables, raw tables and triggers the app's code will produce, a sync simulated in the real PowerSync core, and a SQL console over the result." },
  { command: 'rawsync.showOutput', title: 'Show Output', description: "Shows the Rawsync output channel: the language server's log and errors." },
  { command: 'rawsync.openRuleDoc', title: 'Open Rule Page', description: "Opens a rule's page (shipped in the extension's `docs/rules/`) in the Markdown preview; the links of Rawsync's diagnostics and settings open it too." },
  { command: 'rawsync.fixAllInFile', title: 'Fix All in File', description: "Applies every preferred fix of one file's Rawsync problems (the active editor's file, else one picked among the files with problems); the same edits as the *Fix all Rawsync problems in this file* code action." },
];

export interface CommandContribution {
  command: string;
  title: string;
  category: string;
}

export function commandContributions(): CommandContribution[] {
  return COMMANDS.map(({ command, title }) => ({ command, title, category: CATEGORY }));
}

/** The "Get started" walkthrough's id within the extension (VS Code's full id: `rawsync.rawsync#getStarted`). */
export const WALKTHROUGH_ID = 'getStarted';

export interface WalkthroughStep {
  id: string;
  title: string;
  /** Markdown; a command link alone on its line is drawn as a button. */
  description: string;
  media: { markdown: string };
  /** `onCommand:<id>`: the step is checked off when the command runs (from its button or anywhere else). */
  completionEvents: string[];
}

export interface WalkthroughContribution {
  id: string;
  title: string;
  description: string;
  steps: WalkthroughStep[];
}

/**
 * The walkthrough: open the preview, run a fix, read a rule's page. Each step's button and
 * completion event name a command this extension registers (or the editor's own Quick Fix), so a
 * step is checked off by doing it, from the button or any other way.
 */
export function walkthroughContributions(): WalkthroughContribution[] {
  return [{
    id: WALKTHROUGH_ID,
    title: 'Get started with Rawsync',
    description: 'See the database your PowerSync raw tables produce, fix a silent sync failure, and read why it fails.',
    steps: [
      {
        id: 'previewDatabase',
        title: 'Open the Database Preview',
        description: 'The tables, raw tables and triggers your code produces, built and synced in the real PowerSync core, with a SQL console over the result.\n[Preview Database](command:rawsync.previewDatabase)',
        media: { markdown: 'media/walkthrough/preview-database.md' },
        completionEvents: ['onCommand:rawsync.previewDatabase'],
      },
      {
        id: 'runFix',
        title: 'Run a quick fix',
        description: 'Each Rawsync problem says what breaks at run time; most come with a fix. Put the cursor on one and press Ctrl+. (Cmd+. on macOS), or fix every problem of a file at once.\n[Show Problems](command:workbench.actions.view.problems)\n[Fix All in File](command:rawsync.fixAllInFile)',
        media: { markdown: 'media/walkthrough/run-fix.md' },
        completionEvents: ['onCommand:rawsync.fixAllInFile', 'onCommand:editor.action.quickFix'],
      },
      {
        id: 'readRuleDoc',
        title: "Read a rule's page",
        description: 'Every rule has a page: what it finds, what goes wrong at run time, and how to fix it. The rule id on a problem opens it too.\n[Open Rule Page](command:rawsync.openRuleDoc)',
        media: { markdown: 'media/walkthrough/read-rule-doc.md' },
        completionEvents: ['onCommand:rawsync.openRuleDoc'],
      },
    ],
  }];
}

/** The `scope` values VS Code knows for a setting. */
export type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

export interface SettingContribution {
  type: string | string[];
  scope: SettingScope;
  default: unknown;
  markdownDescription: string;
  enum?: string[];
  enumDescriptions?: string[];
  items?: { type: string };
  minimum?: number;
  order?: number;
}

export interface ConfigurationContribution {
  title: string;
  properties: Record<string, SettingContribution>;
}

// `default` leaves the severity to the rule, which may depend on the code (schema-order is an error
// only where an index-based invalidator exists); sending a fixed level would override that.
const SEVERITY_LEVELS = ['default', 'off', 'info', 'warning', 'error'];
const SEVERITY_DESCRIPTIONS = [
  "The rule's own severity, which may depend on the code.",
  'Do not report it.',
  'Report it as information.',
  'Report it as a warning.',
  'Report it as an error.',
];

function ruleSetting(meta: RuleMeta, order: number): SettingContribution {
  const silence = `Silence one finding with \`// rawsync-disable-next-line ${meta.id}\` on the line above it.`;
  return {
    type: 'string',
    scope: 'resource',
    enum: SEVERITY_LEVELS,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    default: 'default',
    // A command link: the Settings editor opens it with commands allowed, and the rule page ships in
    // the extension. The README's table turns it into a link to docs/rules/<id>.md (readme-tables.ts).
    markdownDescription: `${meta.description} Usually ${meta.defaultSeverity}. ([rule \`${meta.id}\`](${ruleDocCommandUri(meta.id)})) ${silence}`,
    order,
  };
}

/** Every `rawsync.*` setting: the general ones first, then one per rule in registry order. */
export function configurationContribution(rules: readonly RuleMeta[]): ConfigurationContribution {
  const properties: Record<string, SettingContribution> = {
    'rawsync.exclude': {
      type: 'array',
      items: { type: 'string' },
      scope: 'resource',
      default: [],
      markdownDescription: 'Glob patterns, relative to the workspace folder, of files and folders the workspace scan leaves out (for example `**/generated/**`). Build output, `.gradle` and `node_modules` are always left out.',
      order: 0,
    },
    'rawsync.maxFileSizeKb': {
      type: 'number',
      scope: 'resource',
      default: 2048,
      minimum: 1,
      markdownDescription: 'Files larger than this many kilobytes are not read by the workspace scan.',
      order: 1,
    },
    'rawsync.trace.server': {
      type: 'string',
      scope: 'window',
      enum: ['off', 'messages', 'verbose'],
      enumDescriptions: ['No trace.', 'Each LSP message, without its content.', 'Each LSP message with its content.'],
      default: 'off',
      markdownDescription: 'Traces the messages between VS Code and the Rawsync language server in the **Rawsync** output channel.',
      order: 2,
    },
  };
  rules.forEach((meta, i) => {
    properties[`rawsync.rules.${meta.id}`] = ruleSetting(meta, 10 + i);
  });
  return { title: 'Rawsync', properties };
}

/** One entry of the language client's document selector. */
export type DocumentFilter = { scheme: 'file'; language: string } | { scheme: 'file'; pattern: string };

/** Activation events of the extension itself, beside those of the languages. */
const OWN_ACTIVATION_EVENTS = ['onWebviewPanel:rawsync.databasePreview'];

/**
 * What the language registry (server/src/frontends/registry.ts) contributes: the activation
 * events, and the document selector the client hands the language server (a plugin's VS Code
 * language ids, else its file globs). scripts/write-manifest.mjs writes them into package.json
 * and client/src/manifest/languages.json.
 */
export function languageContributions(plugins: readonly LanguagePlugin[]): { activationEvents: string[]; documentSelector: DocumentFilter[] } {
  const activationEvents = [...new Set([...plugins.flatMap((p) => p.editor.activationEvents), ...OWN_ACTIVATION_EVENTS])];
  const documentSelector = plugins.flatMap((p): DocumentFilter[] =>
    p.editor.languageIds?.length
      ? p.editor.languageIds.map((language) => ({ scheme: 'file', language }))
      : p.files.globs.map((pattern) => ({ scheme: 'file', pattern })),
  );
  return { activationEvents, documentSelector };
}
