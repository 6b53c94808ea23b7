import type { LanguagePlugin } from '../plugin';
import { JAVA_WRITER } from './edit-writer';
import { extractJavaFacts } from './index';
import { JavaParser } from './parser';

/** Java sources: Room entities, databases, converters and constants. */
export const javaPlugin: LanguagePlugin = {
  files: {
    globs: ['**/*.java'],
    languageOf: (filePath) => (filePath.endsWith('.java') ? 'java' : undefined),
  },
  editor: { languageIds: ['java'], activationEvents: ['onLanguage:java'] },
  writers: { java: JAVA_WRITER },
  async open(context) {
    const parser = await JavaParser.create(context.wasmDir);
    // Java files are parsed whole (no pre-screen): their constants may be named from anywhere.
    return { extract: (file) => extractJavaFacts(parser, file.uri, file.text, file.platform, file.sourceSet, context.parseBudgetMs) };
  },
};
