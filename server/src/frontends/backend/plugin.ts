import type { LanguagePlugin } from '../plugin';
import { extractPostgresMigration, POSTGRES_MIGRATION_LANGUAGE } from './postgres-migration';
import { PostgresParser } from './postgres-parser';
import { extractSyncConfig, SYNC_CONFIG_LANGUAGE } from './sync-config';

/** `…/supabase/migrations/<file>.sql`: Postgres, not SQLite. */
function isSupabaseMigration(parts: string[]): boolean {
  const n = parts.length;
  return n >= 3 && parts[n - 1].endsWith('.sql') && parts[n - 2] === 'migrations' && parts[n - 3] === 'supabase';
}

/** `powersync/sync-config.yaml` (what `powersync init` writes), `sync-rules.yaml`, `powersync*.yaml`. */
function isSyncConfigName(parts: string[]): boolean {
  const name = parts[parts.length - 1];
  if (name === 'sync-rules.yaml' || name === 'sync-rules.yml') return true;
  if ((name === 'sync-config.yaml' || name === 'sync-config.yml') && parts[parts.length - 2] === 'powersync') return true;
  return name.startsWith('powersync') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

/**
 * The backend, when the workspace holds it: PowerSync sync configs (read only when their top level
 * holds `bucket_definitions` or `streams`) and Supabase's Postgres migrations, parsed by Postgres's
 * own parser. Before the SQL plugin in the registry: a migration is Postgres, never SQLite tables.
 */
export const backendPlugin: LanguagePlugin = {
  files: {
    globs: ['**/powersync/sync-config.yaml', '**/powersync/sync-config.yml', '**/sync-rules.yaml', '**/sync-rules.yml', '**/powersync*.yaml', '**/powersync*.yml', '**/supabase/migrations/*.sql'],
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
    let parser: PostgresParser | undefined;
    let failure: string | undefined;
    try {
      parser = await PostgresParser.load(context.wasmDir);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    return {
      extract(file) {
        if (file.language === SYNC_CONFIG_LANGUAGE) return extractSyncConfig(file.uri, file.text, file.platform);
        if (!parser) throw new Error(`the Postgres parser did not load (${failure ?? 'unknown'})`);
        return extractPostgresMigration(parser, file.uri, file.text, file.platform);
      },
    };
  },
};
