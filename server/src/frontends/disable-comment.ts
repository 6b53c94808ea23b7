export const DISABLE_DIRECTIVE = 'rawsync-disable-next-line';

/**
 * The rule ids named by a disable comment's text (without the comment markers), `[]` for all
 * rules, or undefined if the text is no disable comment.
 */
export function parseDisableComment(body: string): string[] | undefined {
  const words = body.trim().split(/[\s,]+/).filter((w) => w.length > 0);
  if (words[0] !== DISABLE_DIRECTIVE) return undefined;
  const rules: string[] = [];
  for (const word of words.slice(1)) {
    if (word === '--') break; // the rest is a reason
    rules.push(word);
  }
  return rules;
}
