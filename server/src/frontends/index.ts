import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileFacts, SourceLanguage } from '../model/facts';
import { KotlinParser } from './kotlin/parser';
import { extractKotlinFacts } from './kotlin/index';
import { platformOf } from './source-set';
import { extractGroovyGradleFacts } from './gradle/groovy';
import { extractVersionCatalogFacts } from './gradle/version-catalog';
import { extractSqlFacts } from './sql/index';

/** Files larger than this are skipped (a generated or binary file is not source we read). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Which front end reads a file, from its path; undefined for files Rawsync does not read. */
export function languageOf(filePath: string): SourceLanguage | undefined {
  const base = path.basename(filePath);
  if (base === 'build.gradle.kts' || base === 'settings.gradle.kts') return 'gradle-kts';
  if (base === 'build.gradle' || base === 'settings.gradle') return 'gradle-groovy';
  if (base.endsWith('.versions.toml')) return 'version-catalog';
  if (base.endsWith('.kt') || base.endsWith('.kts')) return 'kotlin';
  if (base.endsWith('.sql')) return 'sql';
  if (base.endsWith('.json') && /(^|[\\/])schemas[\\/]/.test(filePath) && /^\d+\.json$/.test(base)) return 'room-schema-json';
  return undefined;
}

/** Every front end, loaded once: give it a file's text, get the file's facts. */
export class FrontEnds {
  private constructor(private readonly kotlin: KotlinParser) {}

  static async create(wasmDir: string): Promise<FrontEnds> {
    return new FrontEnds(await KotlinParser.create(wasmDir));
  }

  /** Facts of one file, or undefined when no front end reads it. Never throws on bad input. */
  extract(uri: string, text: string): FileFacts | undefined {
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    const language = languageOf(filePath);
    if (!language) return undefined;
    if (text.includes('\u0000')) return undefined; // binary
    const { platform, sourceSet } = platformOf(filePath);
    switch (language) {
      case 'kotlin':
      case 'gradle-kts':
        return { ...extractKotlinFacts(this.kotlin, uri, text, platform, sourceSet), language };
      case 'sql':
        return extractSqlFacts(uri, text, platform, sourceSet);
      case 'gradle-groovy':
        return extractGroovyGradleFacts(uri, text, platform, sourceSet);
      case 'version-catalog':
        return extractVersionCatalogFacts(uri, text, platform);
      default:
        return undefined;
    }
  }
}
