import type { LanguagePlugin } from '../plugin';
import { extractSqlFacts } from './index';

/** `.sql` files: each statement as written (SQL strings inside code are their languages' business). */
export const sqlPlugin: LanguagePlugin = {
  files: {
    globs: ['**/*.sql'],
    languageOf: (filePath) => (filePath.endsWith('.sql') ? 'sql' : undefined),
  },
  editor: { activationEvents: [] },
  // A statement's own text is its source: edits to it are written as they are, with no literal around.
  writers: { sql: { language: 'sql', lineComment: '--', intoLiteral: (_literal, _start, _end, text) => text } },
  async open() {
    return { extract: (file) => extractSqlFacts(file.uri, file.text, file.platform, file.sourceSet) };
  },
};
