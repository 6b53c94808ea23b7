import path from 'node:path';
import type { SourceLanguage } from '../../model/facts';
import type { LanguagePlugin, LanguageScreen } from '../plugin';
import { GRADLE_KTS_WRITER, KOTLIN_WRITER } from './edit-writer';
import { extractKotlinFacts } from './index';
import { KotlinParser } from './parser';
import { declaredNames, KotlinScreen, mentionedWords } from './screen';

/** The pre-screen over Kotlin sources, widened by the type aliases the workspace declares. */
class KotlinSourceScreen implements LanguageScreen {
  readonly languages: readonly SourceLanguage[] = ['kotlin'];
  private screen = new KotlinScreen();

  mayHoldFacts(text: string): boolean {
    return this.screen.mayHoldFacts(text);
  }

  declaredNames(text: string): Set<string> {
    return declaredNames(text);
  }

  mentionedWords(text: string, keys: readonly string[]): string[] {
    return mentionedWords(text, keys);
  }

  also(names: readonly string[]): boolean {
    const added = names.filter((n) => !this.screen.extra.includes(n));
    if (added.length === 0) return false;
    this.screen = new KotlinScreen([...this.screen.extra, ...added]);
    return true;
  }
}

/** Kotlin sources (`.kt`, `.kts`), and Gradle's Kotlin build scripts read with the same grammar. */
export const kotlinPlugin: LanguagePlugin = {
  files: {
    globs: ['**/*.kt', '**/*.kts'],
    languageOf(filePath) {
      const base = path.basename(filePath);
      if (base === 'build.gradle.kts' || base === 'settings.gradle.kts') return 'gradle-kts';
      return base.endsWith('.kt') || base.endsWith('.kts') ? 'kotlin' : undefined;
    },
  },
  editor: {
    languageIds: ['kotlin'],
    activationEvents: ['onLanguage:kotlin', 'workspaceContains:**/build.gradle.kts', 'workspaceContains:**/settings.gradle.kts'],
  },
  writers: { kotlin: KOTLIN_WRITER, 'gradle-kts': GRADLE_KTS_WRITER },
  async open(context) {
    const parser = await KotlinParser.create(context.wasmDir);
    const screen = new KotlinSourceScreen();
    return {
      screen,
      extract: (file) => ({
        ...extractKotlinFacts(parser, file.uri, file.text, file.platform, file.sourceSet, context.parseBudgetMs),
        language: file.language,
      }),
    };
  },
};
