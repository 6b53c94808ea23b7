export interface PanelHtmlParts {
  /** `webview.cspSource`: where the panel's own files are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The panel's CSP: its own script (by nonce) and stylesheet, nothing from anywhere else. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The panel's page: no data in it (the report arrives as a message once the script says it is
 * ready), so the page itself never changes while the panel lives.
 */
export function panelHtml(parts: PanelHtmlParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}">
</head>
<body class="in-panel">
<div id="app"><p class="muted loading">Building the database and simulating a sync in the PowerSync core…</p></div>
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
</body>
</html>
`;
}
