import path from 'node:path';
import type { LanguagePlugin } from '../plugin';
import { extractGroovyGradleFacts } from './groovy';
import { extractVersionCatalogFacts } from './version-catalog';

/**
 * Gradle's Groovy build scripts and version catalogs, for the SDK and Room versions and Room's
 * schema folder. (Kotlin build scripts are read by the Kotlin plugin, with its grammar.)
 */
export const gradlePlugin: LanguagePlugin = {
  files: {
    globs: ['**/build.gradle', '**/settings.gradle', '**/*.versions.toml'],
    languageOf(filePath) {
      const base = path.basename(filePath);
      if (base === 'build.gradle' || base === 'settings.gradle') return 'gradle-groovy';
      return base.endsWith('.versions.toml') ? 'version-catalog' : undefined;
    },
  },
  editor: { activationEvents: ['workspaceContains:**/build.gradle', 'workspaceContains:**/settings.gradle'] },
  writers: {
    'gradle-groovy': { language: 'gradle-groovy', lineComment: '//' },
    'version-catalog': { language: 'version-catalog', lineComment: '#' },
  },
  async open() {
    return {
      extract: (file) =>
        file.language === 'gradle-groovy'
          ? extractGroovyGradleFacts(file.uri, file.text, file.platform, file.sourceSet)
          : extractVersionCatalogFacts(file.uri, file.text, file.platform),
    };
  },
};
