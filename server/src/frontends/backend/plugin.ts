import type { LanguagePlugin } from '../plugin';
import type { NamedPath } from '../registry';
import { extractPostgresMigration, POSTGRES_MIGRATION_LANGUAGE } from './postgres-migration';
import { PostgresParser } from './postgres-parser';
import { extractSyncConfig, SYNC_CONFIG_LANGUAGE } from './sync-config';

/** `…/supabase/migrations/<file>.sql`: Postgres, not SQLite. */
function isSupabaseMigration(parts: string[]): boolean {
  const n = parts.length;
  return n >= 3 && parts[n - 1].endsWith('.sql') && parts[n - 2] === 'migrations' && parts[n - 3] === 'supabase';
}

/** YAML names a sync config or a PowerSync service config goes by. */
const YAML = /\.ya?ml$/;
const CONFIG_NAMES = new Set(['sync-rules', 'sync_rules', 'sync-config', 'sync_config']);

/**
 * `powersync/sync-config.yaml` (what `powersync init` writes), `sync-rules.yaml`, `sync_rules.yaml`,
 * `powersync*.yaml`, and a service config in a `powersync/` folder (`service.yaml`, `config.yaml`).
 */
function isSyncConfigName(parts: string[]): boolean {
  const name = parts[parts.length - 1];
  if (!YAML.test(name)) return false;
  const stem = name.replace(YAML, '');
  if (CONFIG_NAMES.has(stem) || stem.startsWith('powersync')) return true;
  return (stem === 'service' || stem === 'config') && parts[parts.length - 2] === 'powersync';
}

/**
 * The backend, when the workspace holds it: PowerSync sync configs (read only when their top level
 * holds `bucket_definitions` or `streams`, or a service config's `sync_config`) and Supabase's Postgres migrations, parsed by Postgres's
 * own parser. Before the SQL plugin in the registry: a migration is Postgres, never SQLite tables.
 */
export const backendPlugin: LanguagePlugin = {
  files: {
    globs: [...['sync-config', 'sync_config', 'sync-rules', 'sync_rules', 'powersync*', 'powersync/service', 'powersync/config'].flatMap((name) => [`**/${name}.yaml`, `**/${name}.yml`]), '**/supabase/migrations/*.sql'],
    languageOf: (filePath) => {
      const parts = filePath.split(/[\\/]/);
      if (isSupabaseMigration(parts)) return POSTGRES_MIGRATION_LANGUAGE;
      if (isSyncConfigName(parts)) return SYNC_CONFIG_LANGUAGE;
      return undefined;
    },
  },
  editor: { activationEvents: [] },
  writers: {
    [SYNC_CONFIG_LANGUAGE]: { language: SYNC_CONFIG_LANGUAGE, lineComment: '#' },
    [POSTGRES_MIGRATION_LANGUAGE]: { language: POSTGRES_MIGRATION_LANGUAGE, lineComment: '--' },
  },
  async open(context) {
    // Loaded with the first migration read: apps without a backend never pay for it.
    let parser: PostgresParser | undefined;
    let failure: string | undefined;
    const postgresParser = () => {
      if (!parser && failure === undefined) {
        try {
          parser = PostgresParser.loadSync(context.wasmDir);
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
        }
      }
      if (!parser) throw new Error(`the Postgres parser did not load (${failure ?? 'unknown'})`);
      return parser;
    };
    return {
      extract(file) {
        if (file.language === SYNC_CONFIG_LANGUAGE) return extractSyncConfig(file.uri, file.text, file.platform);
        return extractPostgresMigration(postgresParser(), file.uri, file.text, file.platform);
      },
    };
  },
};

/**
 * The paths a project names for its backend (rawsync.json's `backend`, absolute): the `*.sql` files
 * of the migrations folder are Postgres migrations (never SQLite tables), each sync config file a
 * sync config whatever its name.
 */
export function backendNamedPaths(backend: { migrations?: string; syncConfigs: readonly string[] }): NamedPath[] {
  const paths: NamedPath[] = backend.syncConfigs.map((file) => ({ file, plugin: backendPlugin, language: SYNC_CONFIG_LANGUAGE }));
  if (backend.migrations) paths.push({ folder: backend.migrations, extension: '.sql', plugin: backendPlugin, language: POSTGRES_MIGRATION_LANGUAGE });
  return paths;
}
