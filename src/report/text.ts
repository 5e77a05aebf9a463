// Safe handling of device-supplied strings for every renderer.
import { safeText } from '../core/text-safety.js';

/** HTML-escape for element text and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Text for the terminal, report.txt and diff output: controls, bidi and invisible characters shown as visible
 * escapes (src/core/text-safety.ts, the one sanitiser), cut to `max` characters.
 */
export function plain(s: unknown, max = 200): string {
  return safeText(s, max);
}

/** The longest word an HTML report keeps whole on one line; a longer one (a hash, a URL, base64) may wrap anywhere. */
export const WORD_MAX = 24;

/**
 * Text for an HTML report, escaped, with every word kept whole: a word of up to WORD_MAX characters that holds a
 * character a browser may break after (a hyphen, slash, bracket, ideograph …) is wrapped in <span class="w">
 * (white-space:nowrap), and a longer one in <span class="lw"> (may wrap anywhere, so it never widens a table past
 * its box). Whitespace between words is kept as it was. For element text only, never for attribute values.
 */
export function escapeWords(s: unknown): string {
  return String(s ?? '').replace(/\S+/g, (w) => {
    const x = escapeHtml(w);
    if ([...w].length > WORD_MAX) return `<span class="lw">${x}</span>`;
    return /[^A-Za-z0-9]/.test(w) ? `<span class="w">${x}</span>` : x;
  });
}

export const RISK_ORDER = ['high', 'elevated', 'unknown', 'none'] as const;

/** "camera (probable)" — a device's type with the type's own confidence. */
export function typeLabel(d: { deviceType: string; deviceTypeConfidence?: string | null }): string {
  return d.deviceTypeConfidence ? `${d.deviceType} (${d.deviceTypeConfidence})` : String(d.deviceType);
}
