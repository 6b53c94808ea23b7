import { randomBytes } from 'node:crypto';

/** The id of the data block the browser code reads (webview/preview.ts looks for it). */
export const PREVIEW_DATA_ID = 'rawsync-preview-data';

export interface PreviewHtmlParts {
  /** The bundled browser script (dist/webview/preview.js). */
  script: string;
  /** Its stylesheet (dist/webview/preview.css). */
  css: string;
  title: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON that cannot close its script element: every `<` becomes `\u003c`, still the same JSON. */
export function embeddedJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Code inlined into an element must not contain that element's end tag. */
function inlineSafe(text: string, element: 'script' | 'style'): string {
  const endTag = new RegExp(`</${element}`, 'gi');
  return text.replace(endTag, `<\\/${element}`);
}

/**
 * One self-contained HTML file: the report as JSON, the script and styles inlined under a nonce,
 * and a CSP that allows nothing else (no network, no other script, no inline style attribute).
 */
export function previewHtml(report: unknown, parts: PreviewHtmlParts): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style nonce="${nonce}">${inlineSafe(parts.css, 'style')}</style>
</head>
<body>
<div id="app"><noscript>This report needs JavaScript to draw the schema and the simulation.</noscript></div>
<script type="application/json" id="${PREVIEW_DATA_ID}">${embeddedJson(report)}</script>
<script nonce="${nonce}">${inlineSafe(parts.script, 'script')}</script>
</body>
</html>
`;
}
