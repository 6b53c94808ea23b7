import { html } from './elements';

/**
 * `file:line` of a declaration. In the panel a click opens it (webview/panel.ts listens for
 * clicks on `.source-link`); in the HTML report it is plain text. `label` shortens what is shown
 * (the full place stays in the tooltip).
 */
export function sourceLink(file: string, line: number, className = 'muted mono', label?: string): HTMLElement {
  const place = `${file}:${line + 1}`;
  return html('span', { class: `${className} source-link`, 'data-file': file, 'data-line': line, title: label === undefined ? 'Open in the editor' : `${place} (open in the editor)` }, label ?? place);
}
