import { html } from './elements';

/**
 * `file:line` of a declaration. In the panel a click opens it (webview/panel.ts listens for
 * clicks on `.source-link`); in the HTML report it is plain text.
 */
export function sourceLink(file: string, line: number, className = 'muted mono'): HTMLElement {
  return html('span', { class: `${className} source-link`, 'data-file': file, 'data-line': line, title: 'Open in the editor' }, `${file}:${line + 1}`);
}
