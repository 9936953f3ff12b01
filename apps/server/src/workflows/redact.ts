// W6: secret values never reach what a run records, in any of the forms a server is likely
// to echo them back in (GitHub Actions' runner masks such variants too).

const MASK = '***';

/**
 * The forms of a value that must never be recorded: raw, base64 (standard, unpadded, URL-safe),
 * URL-encoded (encodeURIComponent and form encoding with +), JSON-escaped
 * (JSON.stringify(v).slice(1,-1)). Deduplicated, longest first, empty strings dropped.
 */
export function secretForms(value: string): string[] {
  const utf8 = Buffer.from(value, 'utf8');
  const base64 = utf8.toString('base64');
  // encodeURIComponent throws on lone surrogates; the UTF-8 round trip replaces them by U+FFFD,
  // which is what goes over the wire anyway.
  const uriEncoded = encodeURIComponent(utf8.toString('utf8'));
  const forms = new Set([
    value,
    base64,
    base64.replace(/=+$/, ''),
    utf8.toString('base64url'),
    base64.replace(/\+/g, '-').replace(/\//g, '_'),
    uriEncoded,
    uriEncoded.replace(/%20/g, '+'),
    // application/x-www-form-urlencoded as URLSearchParams writes it (also escapes !'()~).
    new URLSearchParams({ v: value }).toString().slice('v='.length),
    JSON.stringify(value).slice(1, -1),
  ]);
  forms.delete('');
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Start of every occurrence of `pattern` in `text`, overlapping ones included (KMP: linear). */
function occurrences(text: string, pattern: string): number[] {
  // The common case, no occurrence at all, is left to the native search.
  if (!text.includes(pattern)) return [];
  const fallback = new Int32Array(pattern.length);
  for (let i = 1, k = 0; i < pattern.length; i++) {
    while (k > 0 && pattern.charCodeAt(i) !== pattern.charCodeAt(k)) k = fallback[k - 1] ?? 0;
    if (pattern.charCodeAt(i) === pattern.charCodeAt(k)) k++;
    fallback[i] = k;
  }
  const starts: number[] = [];
  for (let i = 0, k = 0; i < text.length; i++) {
    while (k > 0 && text.charCodeAt(i) !== pattern.charCodeAt(k)) k = fallback[k - 1] ?? 0;
    if (text.charCodeAt(i) === pattern.charCodeAt(k)) k++;
    if (k === pattern.length) {
      starts.push(i - k + 1);
      k = fallback[k - 1] ?? 0;
    }
  }
  return starts;
}

/**
 * Replaces every occurrence of every form of every value by `***`, so that no form, however it
 * overlaps another, is left half-masked. Overlapping occurrences become one `***`.
 */
export function redactSecrets(text: string, values: readonly string[]): string {
  const forms = new Set(values.flatMap(secretForms));
  if (forms.size === 0 || text.length === 0) return text;
  // Every occurrence in the original text is marked first and overlapping spans are merged
  // into one mask. Replacing form by form could leave a longer form that overlaps
  // an earlier, shorter one half-visible, or let a `***` just written combine with its
  // neighbours into a new match.
  const reach = new Int32Array(text.length);
  for (const form of forms) {
    for (const start of occurrences(text, form)) {
      reach[start] = Math.max(reach[start] ?? 0, start + form.length);
    }
  }
  const parts: string[] = [];
  let kept = 0; // start of the text not yet copied
  let maskedUntil = 0;
  for (let i = 0; i < text.length; i++) {
    const end = reach[i] ?? 0;
    if (end === 0) continue;
    if (i >= maskedUntil) {
      parts.push(text.slice(kept, i), MASK);
    }
    maskedUntil = Math.max(maskedUntil, end);
    kept = maskedUntil;
  }
  parts.push(text.slice(kept));
  return parts.join('');
}
