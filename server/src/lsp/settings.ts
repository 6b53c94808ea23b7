import type { SeveritySetting } from '../findings/finding';

/** The `rawsync.*` settings the server reads (declared in package.json contributes.configuration). */
export interface ServerSettings {
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  maxFileSizeKb: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, exclude: [], maxFileSizeKb: 2048 };

/** Accepts whatever the client sends and keeps only well-formed values. */
export function readSettings(raw: unknown): ServerSettings {
  const s = (raw ?? {}) as Partial<Record<keyof ServerSettings, unknown>>;
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, level] of Object.entries(s.rules as Record<string, unknown>)) {
      if (level === 'off' || level === 'info' || level === 'warning' || level === 'error') rules[id] = level;
    }
  }
  const exclude = Array.isArray(s.exclude) ? s.exclude.filter((e): e is string => typeof e === 'string') : [];
  const maxFileSizeKb = typeof s.maxFileSizeKb === 'number' && s.maxFileSizeKb > 0 ? s.maxFileSizeKb : DEFAULT_SETTINGS.maxFileSizeKb;
  return { rules, exclude, maxFileSizeKb };
}
