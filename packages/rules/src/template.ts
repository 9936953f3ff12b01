// W1: the one parser of `{secret:NAME}` / `{{secret:NAME}}` references in header values.
// A hand-written scanner: every `{secret:` is looked at once with bounded look-ahead, so
// parsing is linear in the length of the value whatever it contains.

export interface SecretReference {
  name: string;
  /** [start, end) span of the whole token in the text. */
  start: number;
  end: number;
}

export interface ParsedTemplate {
  references: SecretReference[];
  /** Fragments that begin like a reference but are not one; `text` is at most 40 characters. */
  malformed: { start: number; text: string }[];
}

const OPEN = '{secret:';
/** Same as webhook secret names (secret-rules.ts). */
const MAX_NAME_LENGTH = 64;
const MAX_FRAGMENT_LENGTH = 40;

function isNameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f || // _
    code === 0x2d // -
  );
}

/** Where the name starting at `from` ends; stops one past the limit so over-long names show. */
function nameEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && end - from <= MAX_NAME_LENGTH && isNameChar(text.charCodeAt(end))) {
    end++;
  }
  return end;
}

/**
 * The token whose `{secret:` is at `at`, in the given brace style, or undefined. `braces` is
 * 1 or 2; for 2 the token starts one character earlier, at the extra `{`.
 */
function tokenAt(text: string, at: number, braces: 1 | 2): SecretReference | undefined {
  const from = at + OPEN.length;
  const end = nameEnd(text, from);
  const length = end - from;
  if (length === 0 || length > MAX_NAME_LENGTH) return undefined;
  const close = braces === 2 ? '}}' : '}';
  if (!text.startsWith(close, end)) return undefined;
  return {
    name: text.slice(from, end),
    start: braces === 2 ? at - 1 : at,
    end: end + close.length,
  };
}

/** The bad fragment for a message: up to its first `}` (or `}}`), at most 40 characters. */
function fragmentAt(text: string, start: number, braces: 1 | 2): string {
  // Searching only the first 40 characters keeps many unclosed fragments linear.
  const window = text.slice(start, start + MAX_FRAGMENT_LENGTH);
  const close = window.indexOf('}');
  if (close === -1) return window;
  return window.slice(0, braces === 2 && window.charAt(close + 1) === '}' ? close + 2 : close + 1);
}

export function parseTemplate(text: string): ParsedTemplate {
  const references: SecretReference[] = [];
  const malformed: ParsedTemplate['malformed'] = [];
  let position = 0;
  for (;;) {
    const at = text.indexOf(OPEN, position);
    if (at === -1) break;
    // Every token contains `{secret:`; the double form starts one earlier and is tried first,
    // unless that `{` already belongs to text consumed before.
    const double = at > position && text.charCodeAt(at - 1) === 0x7b;
    const token = (double ? tokenAt(text, at, 2) : undefined) ?? tokenAt(text, at, 1);
    if (token) {
      references.push(token);
      position = token.end;
      continue;
    }
    const start = double ? at - 1 : at;
    malformed.push({ start, text: fragmentAt(text, start, double ? 2 : 1) });
    // Resume right after `{secret:` so that a token nested inside is still seen and reported.
    position = at + OPEN.length;
  }
  return { references, malformed };
}

/** Unique names, in order of first appearance, over several header values. */
export function referencedSecretNames(values: readonly string[]): string[] {
  const names = new Set<string>();
  for (const value of values) {
    for (const reference of parseTemplate(value).references) names.add(reference.name);
  }
  return [...names];
}

/** Calls `replace` for each token and keeps all other text (malformed fragments too) as is. */
function mapReferences(text: string, replace: (reference: SecretReference) => string): string {
  const { references } = parseTemplate(text);
  if (references.length === 0) return text;
  const parts: string[] = [];
  let position = 0;
  for (const reference of references) {
    parts.push(text.slice(position, reference.start), replace(reference));
    position = reference.end;
  }
  parts.push(text.slice(position));
  return parts.join('');
}

/** Replaces each token by valueOf(name); text outside tokens is untouched. Never evaluates anything. */
export function substituteSecrets(text: string, valueOf: (name: string) => string): string {
  // One pass over the original text: a substituted value is never parsed again.
  return mapReferences(text, (reference) => valueOf(reference.name));
}

/**
 * Rewrites references to `from` so they reference `to`, keeping each token's brace style (for
 * renames). `from` matches case-insensitively, as webhook names are unique that way; `to` is
 * expected to be a valid webhook secret name.
 */
export function renameSecretReferences(text: string, from: string, to: string): string {
  const target = from.toLowerCase();
  return mapReferences(text, (reference) => {
    const original = text.slice(reference.start, reference.end);
    if (reference.name.toLowerCase() !== target) return original;
    return original.startsWith('{{') ? `{{secret:${to}}}` : `{secret:${to}}`;
  });
}
