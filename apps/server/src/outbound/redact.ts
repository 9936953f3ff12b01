// W6, W8: secret values never reach what a run records, in any spelling a server is likely
// to echo them back in (GitHub Actions' runner masks such variants too).
//
// How spellings are found. JSON lets any character be written literally or as `\uXXXX` in
// either hex case (`/` also as `\/`, `"` as `\"` and so on), and percent-encoding lets any
// byte be written literally or as `%XX`; a value of 64 KiB has more spellings than can be
// listed, and a regular expression with one alternation per character is quadratic and
// overflows V8's stack long before 64 KiB. So the text is read instead: at every position a
// reader sees exactly one token (a literal, or an escape such as `\u00e9` or `%C3`), which
// names the unit it stands for and the position after it. Reading from any start position
// follows these links, so the links form a tree whose root is the end of the text, and a
// spelling of the value starting at `s` is the path from `s` towards the root whose first
// units are the value's. One depth-first walk of that tree, with rolling hashes of the path,
// checks every start position in every alignment (a stray `\` before an escaped value does
// not hide it) in time linear in the text. A hash collision can only mask more, never less.
// Base64 is not read this way: its spellings are fixed strings (below), searched literally.

const MASK = '***';

/** A stored text may not end in this many characters or more of a spelling's beginning. */
const MIN_TAIL = 4;

/**
 * The part of base64(anything containing `text`) that depends on `text` alone, for each of the
 * three byte offsets (0, 1, 2) at which `text` can start inside the encoded data: `user:VALUE`
 * in a Basic header holds VALUE at offset 2. Characters that mix in neighbouring bits are cut
 * off at both ends; no padding.
 */
export function base64Fragments(text: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet);
    // Character i holds bits [6i, 6i + 6) of the data; the value's bits are [8 offset, 8 end).
    return encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6),
    );
  });
}

/**
 * The spellings of a value searched as fixed strings: raw, and base64 and base64url with and
 * without padding, whole or as a fragment of a larger encoded blob (fragments shorter than
 * MIN_TAIL characters are dropped: they would match by chance). Deduplicated, longest first.
 */
export function literalForms(value: string): string[] {
  if (value === '') return [];
  const utf8 = Buffer.from(value, 'utf8');
  const base64 = utf8.toString('base64');
  const fragments = [
    ...base64Fragments(value, 'base64'),
    ...base64Fragments(value, 'base64url'),
  ].filter((fragment) => fragment.length >= MIN_TAIL);
  const forms = new Set([
    value,
    base64,
    base64.replace(/=+$/, ''),
    utf8.toString('base64url'),
    base64.replace(/\+/g, '-').replace(/\//g, '_'),
    ...fragments,
  ]);
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The values to mask, each with its literal spellings (literalForms) worked out once for all
 * the texts of one outbound request: an error message, the answer, the answer again after its
 * cut. Made per request and dropped with it, as the values themselves are: no cache of
 * spellings outlives the request (issue 13's rule on plaintext in caches).
 */
export class Spellings {
  /** Each value but empty ones, with its literal spellings, longest first. */
  readonly entries: readonly { readonly value: string; readonly forms: readonly string[] }[];

  constructor(values: readonly string[]) {
    this.entries = values
      .filter((value) => value !== '')
      .map((value) => ({ value, forms: literalForms(value) }));
  }

  static of(values: readonly string[] | Spellings): Spellings {
    return values instanceof Spellings ? values : new Spellings(values);
  }

  /** The most UTF-8 bytes any masked spelling of any value can take. */
  longestBytes(): number {
    return Math.max(
      0,
      ...this.entries.map(({ value, forms }) =>
        // \uXXXX per UTF-16 unit, %XX per UTF-8 byte, base64 under both.
        Math.max(6 * value.length, 3 * Buffer.byteLength(value), forms[0]?.length ?? 0),
      ),
    );
  }
}

/**
 * How a text is read. A token is packed as `unit * 8 + length`: the unit it stands for and
 * how many positions it covers; `lengths` lists every length a token can have.
 */
interface Reading {
  lengths: readonly number[];
  token(units: ArrayLike<number>, at: number, end: number): number;
}

const literal = (unit: number) => unit * 8 + 1;

function hexDigit(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  const lower = unit | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The number written in `count` hex digits (either case) at `from`, or -1. */
function hexAt(units: ArrayLike<number>, from: number, count: number, end: number): number {
  if (from + count > end) return -1;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = hexDigit(units[i] ?? 0);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

const plainReading: Reading = { lengths: [1], token: (units, at) => literal(units[at] ?? 0) };

const BACKSLASH = 0x5c;
const JSON_SHORT_ESCAPES = new Map(
  [...'"\\/bfnrt'].map((c) => [c.charCodeAt(0), (JSON.parse(`"\\${c}"`) as string).charCodeAt(0)]),
);

/** JSON string text, in UTF-16 units: `\uXXXX` (either case) and the short escapes. */
const jsonReading: Reading = {
  lengths: [1, 2, 6],
  token(units, at, end) {
    const unit = units[at] ?? 0;
    if (unit !== BACKSLASH || at + 1 >= end) return literal(unit);
    const next = units[at + 1] ?? 0;
    const short = JSON_SHORT_ESCAPES.get(next);
    if (short !== undefined) return short * 8 + 2;
    const code = next === 0x75 ? hexAt(units, at + 2, 4, end) : -1;
    return code >= 0 ? code * 8 + 6 : literal(unit);
  },
};

const PERCENT = 0x25;
const PLUS = 0x2b;
const SPACE = 0x20;
/** `+` and space are one unit: form encoding writes a space as `+`, a path keeps `+` as is. */
const spaceOrPlus = (byte: number) => (byte === PLUS ? SPACE : byte);

/** Percent-encoded text, in UTF-8 bytes: `%XX` in either case. */
const percentReading: Reading = {
  lengths: [1, 3],
  token(bytes, at, end) {
    const byte = bytes[at] ?? 0;
    const code = byte === PERCENT ? hexAt(bytes, at + 1, 2, end) : -1;
    return code >= 0 ? spaceOrPlus(code) * 8 + 3 : literal(spaceOrPlus(byte));
  },
};

/** The tokens a reading sees at each position of `units[0, end)`. */
function readTokens(units: ArrayLike<number>, end: number, reading: Reading): Int32Array {
  const tokens = new Int32Array(end);
  for (let at = 0; at < end; at++) tokens[at] = reading.token(units, at, end);
  return tokens;
}

// Two polynomial hashes with wrap-around 32-bit arithmetic. A collision can only mask more.
const BASE1 = 0x01000193;
const BASE2 = 0x5bd1e995;
let powers1 = new Int32Array([1]);
let powers2 = new Int32Array([1]);

/** Makes powers1/powers2 hold the bases' powers 0 … count - 1. */
function growPowers(count: number): void {
  if (powers1.length >= count) return;
  const grow = (old: Int32Array, base: number) => {
    const powers = new Int32Array(count);
    powers.set(old);
    for (let i = old.length; i < count; i++) powers[i] = Math.imul(powers[i - 1] ?? 0, base);
    return powers;
  };
  powers1 = grow(powers1, BASE1);
  powers2 = grow(powers2, BASE2);
}

/** hash[i]: the hash of pattern[0, i), (unit + 1) weighted by decreasing powers of the base. */
function beginningHashes(pattern: ArrayLike<number>, base: number): Int32Array {
  const hashes = new Int32Array(pattern.length + 1);
  for (let i = 0; i < pattern.length; i++) {
    hashes[i + 1] = (Math.imul(hashes[i] ?? 0, base) + (pattern[i] ?? 0) + 1) | 0;
  }
  return hashes;
}

/**
 * Calls `mark(start, end)` for every span that `tokens` (a reading of some text, with token
 * lengths `lengths`) read as `pattern`, from any start position, and for the longest tail of
 * `minTail` positions or more that they read as a beginning of `pattern`.
 */
function markSpellings(
  tokens: Int32Array,
  lengths: readonly number[],
  pattern: ArrayLike<number>,
  mark: (start: number, end: number) => void,
  minTail = MIN_TAIL,
): void {
  const end = tokens.length;
  const m = pattern.length;
  if (m === 0) return;
  growPowers(end + 2);
  const [p1, p2] = [powers1, powers2];
  const begin1 = beginningHashes(pattern, BASE1);
  const begin2 = beginningHashes(pattern, BASE2);
  const whole1 = begin1[m] ?? 0;
  const whole2 = begin2[m] ?? 0;

  // Depth-first from the root (the end); a node's children are the positions whose token ends
  // at it. At depth d: path[d] is the node, pathHash[d] the sum over the tokens j = 1 … d
  // on the way from the root of (unit + 1) * base^j.
  const path = new Int32Array(end + 2);
  const pathHash1 = new Int32Array(end + 2);
  const pathHash2 = new Int32Array(end + 2);
  const stackNode = new Int32Array(end + 1);
  const stackDepth = new Int32Array(end + 1);
  let top = 0;
  stackNode[top] = end;
  stackDepth[top++] = 0;
  // An unfinished escape as long as minTail is masked even before any unit is read.
  let tail = minTail <= 0 ? end : -1;
  while (top > 0) {
    const node = stackNode[--top] ?? 0;
    const depth = stackDepth[top] ?? 0;
    path[depth] = node;
    if (depth > 0) {
      const unit = ((tokens[node] ?? 0) >>> 3) + 1;
      const sum1 = ((pathHash1[depth - 1] ?? 0) + Math.imul(unit, p1[depth] ?? 0)) | 0;
      const sum2 = ((pathHash2[depth - 1] ?? 0) + Math.imul(unit, p2[depth] ?? 0)) | 0;
      pathHash1[depth] = sum1;
      pathHash2[depth] = sum2;
      // Read from `node`, the next m tokens spell the pattern.
      if (
        depth >= m &&
        ((sum1 - (pathHash1[depth - m] ?? 0)) | 0) === Math.imul(p1[depth - m + 1] ?? 0, whole1) &&
        ((sum2 - (pathHash2[depth - m] ?? 0)) | 0) === Math.imul(p2[depth - m + 1] ?? 0, whole2)
      ) {
        mark(node, path[depth - m] ?? end);
      }
      // Read from `node`, all the rest is a beginning of the pattern.
      if (
        depth <= m &&
        end - node >= minTail &&
        sum1 === Math.imul(BASE1, begin1[depth] ?? 0) &&
        sum2 === Math.imul(BASE2, begin2[depth] ?? 0)
      ) {
        tail = tail < 0 ? node : Math.min(tail, node);
      }
    }
    for (let k = 0; k < lengths.length; k++) {
      const length = lengths[k] ?? 1;
      const child = node - length;
      if (child >= 0 && ((tokens[child] ?? 0) & 7) === length) {
        stackNode[top] = child;
        stackDepth[top++] = depth + 1;
      }
    }
  }
  if (tail >= 0) mark(tail, end);
}

/** Where each UTF-8 byte of `text` starts and ends in UTF-16 units, as Buffer.from encodes it. */
function utf8Positions(text: string): { bytes: Buffer; start: Int32Array; after: Int32Array } {
  const bytes = Buffer.from(text, 'utf8');
  const start = new Int32Array(bytes.length + 1);
  const after = new Int32Array(bytes.length + 1);
  let byte = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    // A lone surrogate is written as U+FFFD, three bytes.
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code > 0xffff ? 4 : 3;
    for (let k = 0; k < size; k++) {
      start[byte + k] = i;
      after[byte + k] = i + units;
    }
    byte += size;
    i += units;
  }
  start[byte] = after[byte] = text.length;
  return { bytes, start, after };
}

function utf16(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/**
 * Whether `text` holds `form` or ends in a beginning of it MIN_TAIL characters or longer: a
 * quick test before the exact one (markSpellings), which costs a few typed arrays per call.
 * Such a beginning starts with the form's first MIN_TAIL characters, no further back than
 * the form's length from the end. (Without `found !== -1` any form longer than the text
 * passed, so an answer of a few bytes ran the exact test for every spelling of every value.)
 */
function mayHold(text: string, form: string): boolean {
  if (text.includes(form)) return true;
  const head = form.slice(0, MIN_TAIL);
  if (head.length < MIN_TAIL) return false;
  const found = text.lastIndexOf(head);
  return found !== -1 && found >= text.length - form.length;
}

/** reach[i]: the end of the furthest span to mask that starts at unit i (0 if none). */
function maskedSpans(text: string, spellings: Spellings): Int32Array {
  const reach = new Int32Array(text.length + 1);
  const { entries } = spellings;
  if (entries.length === 0 || text.length === 0) return reach;
  const markUnits = (start: number, end: number) => {
    reach[start] = Math.max(reach[start] ?? 0, end);
  };
  const units = utf16(text);
  const plain = readTokens(units, units.length, plainReading);
  for (const { forms } of entries) {
    for (const form of forms) {
      if (mayHold(text, form)) markSpellings(plain, plainReading.lengths, utf16(form), markUnits);
    }
  }
  if (text.includes('\\')) {
    const json = readTokens(units, units.length, jsonReading);
    // A text cut inside an escape (`…\u00`) may not end in a beginning of a value either.
    const partial = /\\(u[0-9a-fA-F]{0,3})?$/.exec(text);
    const beforePartial = partial && readTokens(units, partial.index, jsonReading);
    for (const { value } of entries) {
      markSpellings(json, jsonReading.lengths, utf16(value), markUnits);
      if (beforePartial) {
        markSpellings(
          beforePartial,
          jsonReading.lengths,
          utf16(value),
          (start, end) => markUnits(start, end === beforePartial.length ? text.length : end),
          MIN_TAIL - partial[0].length,
        );
      }
    }
  }
  if (text.includes('%') || text.includes('+')) {
    const { bytes, start, after } = utf8Positions(text);
    // A span of bytes covers the characters it touches.
    const markBytes = (from: number, to: number) =>
      markUnits(
        start[from] ?? 0,
        to < bytes.length && start[to] === start[to - 1] ? (after[to] ?? 0) : (start[to] ?? 0),
      );
    const percent = readTokens(bytes, bytes.length, percentReading);
    const partial = /%[0-9a-fA-F]?$/.exec(text);
    const beforePartial =
      partial && readTokens(bytes, bytes.length - partial[0].length, percentReading);
    for (const { value } of entries) {
      const pattern = Buffer.from(value, 'utf8').map(spaceOrPlus);
      markSpellings(percent, percentReading.lengths, pattern, markBytes);
      if (beforePartial) {
        markSpellings(
          beforePartial,
          percentReading.lengths,
          pattern,
          (from, to) => markBytes(from, to === beforePartial.length ? bytes.length : to),
          MIN_TAIL - partial[0].length,
        );
      }
    }
  }
  return reach;
}

/** The text before `limit`, each masked span (also one running past the limit) as one `***`. */
function render(text: string, reach: Int32Array, limit: number): string {
  const parts: string[] = [];
  let kept = 0; // start of the text not yet copied
  let maskedUntil = 0;
  for (let i = 0; i < limit; i++) {
    const end = reach[i] ?? 0;
    if (end === 0) continue;
    if (i >= maskedUntil) parts.push(text.slice(kept, i), MASK);
    maskedUntil = Math.max(maskedUntil, end);
    kept = maskedUntil;
  }
  if (kept < limit) parts.push(text.slice(kept, limit));
  return parts.join('');
}

/**
 * Replaces every spelling of every value by `***`: raw, base64 (see literalForms), any JSON
 * escaping and any percent-encoding; overlapping spans become one `***`. A tail that spells a
 * beginning of a value (MIN_TAIL characters or more) is masked too.
 */
export function redactSecrets(text: string, values: readonly string[] | Spellings): string {
  return render(text, maskedSpans(text, Spellings.of(values)), text.length);
}

/** The longest beginning of `text` that is at most `maxBytes` in UTF-8, whole characters only. */
function utf8Prefix(text: string, maxBytes: number): string {
  const { start } = utf8Positions(text);
  if (start.length - 1 <= maxBytes) return text;
  return text.slice(0, start[maxBytes]);
}

/**
 * What is kept of a text cut after `maxBytes` UTF-8 bytes, with `values` masked. The text
 * given must run far enough past the cut (Spellings.longestBytes) for a spelling across the cut
 * to be seen whole. Masking is done first, on the whole text, and only characters before the
 * cut are kept, so a spelling across the cut becomes `***` and masking never pulls text from
 * past the cut into view; the result is masked once more so that it cannot end in a
 * beginning of a value either.
 */
export function redactPrefix(
  text: string,
  values: readonly string[] | Spellings,
  maxBytes: number,
): string {
  const spellings = Spellings.of(values);
  const kept = utf8Prefix(text, maxBytes);
  const masked = render(text, maskedSpans(text, spellings), kept.length);
  return redactSecrets(utf8Prefix(masked, maxBytes), spellings);
}
