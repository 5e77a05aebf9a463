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

export const RISK_ORDER = ['high', 'elevated', 'unknown', 'none'] as const;

/** "camera (probable)" — a device's type with the type's own confidence. */
export function typeLabel(d: { deviceType: string; deviceTypeConfidence?: string | null }): string {
  return d.deviceTypeConfidence ? `${d.deviceType} (${d.deviceTypeConfidence})` : String(d.deviceType);
}
