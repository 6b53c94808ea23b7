import type { LanguagePlugin } from '../plugin';
import { extractRoomSchemaFacts, roomSchemaPath } from './index';

/** Room's exported schemas, `schemas/[<variant>/]<fully.qualified.Database>/<version>.json`. */
export const roomSchemaPlugin: LanguagePlugin = {
  files: {
    globs: ['**/schemas/**/*.json'],
    languageOf: (filePath) => (filePath.endsWith('.json') && roomSchemaPath(filePath) ? 'room-schema-json' : undefined),
  },
  editor: { activationEvents: [] },
  // JSON has no comments and Room writes these files itself: no fix edits them.
  writers: {},
  async open() {
    return { extract: (file) => extractRoomSchemaFacts(file.uri, file.filePath, file.text, file.platform, file.sourceSet) };
  },
};
