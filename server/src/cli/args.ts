import type { SeveritySetting } from '../findings/finding';

export type Command = 'check' | 'schema' | 'fix' | 'preview' | 'lsp';

export interface CliArgs {
  command: Command;
  paths: string[];
  format?: string;
  out?: string;
  rules: Record<string, SeveritySetting>;
  onlyRule?: string;
}

export class UsageError extends Error {}

const COMMANDS: Command[] = ['check', 'schema', 'fix', 'preview', 'lsp'];
const SEVERITIES: SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const USAGE = `Usage:
  rawsync check [PATH...] [--format text|json|sarif|github] [--rule ID=off|info|warning|error]
  rawsync schema [PATH] [--format json|sql]
  rawsync fix [PATH] [--rule ID]
  rawsync preview [PATH] [--out FILE.html] [--format json]
  rawsync lsp --stdio
      the language server (the one the VS Code extension runs), speaking LSP over stdin/stdout,
      for Neovim, Helix, Zed, IntelliJ/Android Studio (LSP4IJ) and any other LSP client

Exit codes: 0 no error-level finding, 1 an error-level finding remains, 2 usage error.`;

/** Parses argv (without node and the script). Throws UsageError on anything malformed. */
export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError(USAGE);
  if (!COMMANDS.includes(command as Command)) throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
  if (command === 'lsp') {
    // stdio is the one transport offered: every editor recipe in the README uses it.
    if (rest.length !== 1 || rest[0] !== '--stdio') throw new UsageError(`rawsync lsp takes --stdio (the language server speaks LSP over stdin/stdout)\n\n${USAGE}`);
    return { command: 'lsp', paths: [], rules: {} };
  }
  const args: CliArgs = { command: command as Command, paths: [], rules: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const takeValue = (name: string): string => {
      const eq = arg.indexOf('=');
      if (arg.startsWith(`--${name}=`)) return arg.slice(eq + 1);
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      return value;
    };
    if (arg === '--format' || arg.startsWith('--format=')) args.format = takeValue('format');
    else if (arg === '--out' || arg.startsWith('--out=')) args.out = takeValue('out');
    else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const value = takeValue('rule');
      if (args.command === 'fix') {
        args.onlyRule = value;
        continue;
      }
      const [id, level] = value.split('=');
      if (!id || !level || !SEVERITIES.includes(level as SeveritySetting)) {
        throw new UsageError(`--rule takes ID=off|info|warning|error, got '${value}'`);
      }
      args.rules[id] = level as SeveritySetting;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else args.paths.push(arg);
  }
  const formats: Record<Command, string[]> = {
    check: ['text', 'json', 'sarif', 'github'],
    schema: ['json', 'sql'],
    fix: ['text'],
    preview: ['html', 'json'],
    lsp: [],
  };
  if (args.format && !formats[args.command].includes(args.format)) {
    throw new UsageError(`${args.command} --format takes ${formats[args.command].join('|')}, got '${args.format}'`);
  }
  if (args.command !== 'check' && args.paths.length > 1) throw new UsageError(`${args.command} takes one PATH`);
  if (args.paths.length === 0) args.paths.push('.');
  return args;
}
