// The HTML report with the word-keeping wrappers removed (src/report/text.ts escapeWords: <span class="w"> and
// <span class="lw"> around single words), so that tests can look for text as it reads. A wrapper's content never
// holds '<' (it is escaped text), so only our own wrappers are removed.
import type { ScanResult } from '../../src/core/result.js';
import { renderHtml } from '../../src/report/html.js';

export function unwrapWords(html: string): string {
  return html.replace(/<span class="l?w">([^<]*)<\/span>/g, '$1');
}

export function htmlText(result: ScanResult): string {
  return unwrapWords(renderHtml(result));
}
