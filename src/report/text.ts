// Safe handling of device-supplied strings for every renderer.

/** HTML-escape for element text and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Removes C0/C1 control characters (terminal escape sequences) and caps the length. */
export function plain(s: unknown, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const t = String(s ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export const RISK_ORDER = ['high', 'elevated', 'unknown', 'none'] as const;
