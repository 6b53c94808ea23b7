// Rule pages inside VS Code. The language server links each diagnostic to the `file:` URI of the
// rule's page in the installed extension (docs/rules/<id>.md), which any LSP client can open. In
// VS Code the link becomes a `command:` URI of rawsync.openRuleDoc, which shows the page in the
// Markdown preview: the Problems panel and the diagnostic hover open a code's target with commands
// allowed, and so does the Settings editor for the links in the settings' descriptions.

export const OPEN_RULE_DOC_COMMAND = 'rawsync.openRuleDoc';

/** Rule ids are kebab-case. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `command:rawsync.openRuleDoc?["<id>"]`, its argument encoded as VS Code expects. */
export function ruleDocCommandUri(id: string): string {
  return `command:${OPEN_RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/** The rule id of a rule page's URI (`…/docs/rules/<id>.md`), else undefined. */
export function ruleIdOfDocUri(uri: string): string | undefined {
  const match = /\/docs\/rules\/([^/]+)\.md$/.exec(uri);
  return match && RULE_ID.test(match[1]) ? match[1] : undefined;
}

/** The rule page's path relative to the extension's root. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The id a command argument names, when it is a well-formed rule id. */
export function ruleIdArgument(argument: unknown): string | undefined {
  return typeof argument === 'string' && RULE_ID.test(argument) ? argument : undefined;
}
