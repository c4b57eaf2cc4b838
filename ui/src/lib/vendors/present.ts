// How registry facts are shown to people. Pure functions, tested in present.test.ts.

/** The word shown where no source gives a fact. */
export const UNKNOWN = 'unknown';

/** "FR" → "France" in the given UI language; "unknown" stays a plain label. */
export function countryName(code: string | null | undefined, locale = 'en'): string {
  if (!code || code === 'unknown') return 'Unknown country';
  try {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "b2b-contact-data" → "B2B contact data". */
export function categoryLabel(slug: string): string {
  const special: Record<string, string> = {
    b2b: 'B2B',
    api: 'API',
    linkedin: 'LinkedIn',
    'e-mail': 'e-mail',
  };
  const words = slug.split('-').map((w) => special[w] ?? w);
  const text = words.join(' ').replace('email', 'e-mail');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "843898396" → "843 898 396", the way a SIREN is printed. */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/** Only web pages and e-mail addresses may leave the app, never file:, javascript: or others. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(parsed.pathname));
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.includes('.');
}

/** The host of a web reference, for a compact link label; the reference itself otherwise. */
export function referenceLabel(reference: string): string {
  try {
    const u = new URL(reference);
    if (u.protocol === 'https:' || u.protocol === 'http:') {
      const path = u.pathname === '/' ? '' : u.pathname;
      return `${u.hostname.replace(/^www\./, '')}${path}`;
    }
  } catch {
    // A citation such as "datenanfragen/data@0a29c3d6feee:companies/kaspr.json".
  }
  return reference;
}

/** "true/false/null" as people read it. */
export function yesNoUnknown(value: boolean | null): string {
  return value === null ? UNKNOWN : value ? 'yes' : 'no';
}

/** Moves a selection through a list with the arrow keys; stays put at the ends. */
export function stepSelection(ids: readonly string[], current: string | null, key: string): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  switch (key) {
    case 'ArrowDown':
      return ids[Math.min(at + 1, ids.length - 1)] ?? null;
    case 'ArrowUp':
      return ids[Math.max(at - 1, 0)] ?? null;
    case 'Home':
      return ids[0] ?? null;
    case 'End':
      return ids[ids.length - 1] ?? null;
    default:
      return current;
  }
}
