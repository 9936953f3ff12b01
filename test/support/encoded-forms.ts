// The forms in which a secret value could leak, for tests that search captured text for it.
import { base64Fragments } from '../../apps/server/src/outbound/redact';

export interface EncodedForm {
  /** How the value was encoded, e.g. `base64 (offset 1)`. */
  encoding: string;
  text: string;
}

/** base64 and base64url of `text` at each byte offset inside larger encoded data. */
function base64Forms(text: string, alphabet: 'base64' | 'base64url'): EncodedForm[] {
  return base64Fragments(text, alphabet).map((fragment, offset) => ({
    encoding: `${alphabet} (offset ${offset})`,
    text: fragment,
  }));
}

/**
 * Every form searched for: raw, base64 and base64url at any offset, base64 of base64, hex
 * (lower and upper case, as PostgreSQL prints bytea and as hex dumps write it),
 * encodeURIComponent, form encoding and JSON-escaped. Forms shorter than 16 characters are
 * dropped: they would match by chance.
 */
export function encodedForms(value: string): EncodedForm[] {
  const hex = Buffer.from(value, 'utf8').toString('hex');
  const uri = encodeURIComponent(value);
  const forms: EncodedForm[] = [
    { encoding: 'raw', text: value },
    ...base64Forms(value, 'base64'),
    ...base64Forms(value, 'base64url'),
    ...base64Forms(value, 'base64').flatMap((inner) =>
      base64Forms(inner.text, 'base64').map((outer) => ({
        encoding: `base64 of ${inner.encoding}, ${outer.encoding}`,
        text: outer.text,
      })),
    ),
    { encoding: 'hex', text: hex },
    { encoding: 'HEX', text: hex.toUpperCase() },
    { encoding: 'encodeURIComponent', text: uri },
    { encoding: 'form-urlencoded', text: new URLSearchParams({ v: value }).toString().slice(2) },
    { encoding: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { encoding: 'JSON-escaped twice', text: JSON.stringify(JSON.stringify(value)).slice(3, -3) },
  ];
  const seen = new Set<string>();
  return forms.filter((form) => {
    if (form.text.length < 16 || seen.has(form.text)) return false;
    seen.add(form.text);
    return true;
  });
}

export interface LeakHit {
  /** Where the text came from, e.g. `HTTP response 12` or `table secrets`. */
  source: string;
  encoding: string;
  /** Up to 60 characters either side of the hit. */
  context: string;
}

/** Every occurrence of any form of any of `values` in the captured texts. */
export function findLeaks(
  captured: readonly { source: string; text: string }[],
  values: readonly string[],
): LeakHit[] {
  const forms = values.flatMap(encodedForms);
  const hits: LeakHit[] = [];
  for (const { source, text } of captured) {
    for (const form of forms) {
      const at = text.indexOf(form.text);
      if (at === -1) continue;
      hits.push({
        source,
        encoding: form.encoding,
        context: text.slice(Math.max(0, at - 60), at + form.text.length + 60),
      });
    }
  }
  return hits;
}
