import fc from 'fast-check';
import { base64Fragments, literalForms, redactPrefix, redactSecrets } from './redact';

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');
const everyUnit = (v: string, spell: (unit: number, i: number) => string) =>
  Array.from({ length: v.length }, (_, i) => spell(v.charCodeAt(i), i)).join('');
const everyByte = (v: string, spell: (byte: number) => string) =>
  [...Buffer.from(v)].map(spell).join('');

/**
 * Ways a server may write a value back, written out independently of redact.ts. Each gives
 * the text embedded and the part of it that depends on the value alone (for base64 inside a
 * larger blob, the characters that mix in neighbouring bytes are not).
 */
const spellers: readonly ((v: string) => string)[] = [
  (v) => v,
  (v) => JSON.stringify(v).slice(1, -1),
  (v) => JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
  (v) => everyUnit(v, (unit) => `\\u${hex(unit, 4)}`),
  (v) => everyUnit(v, (unit) => `\\u${hex(unit, 4).toUpperCase()}`),
  (v) =>
    everyUnit(v, (unit, i) =>
      i % 2 ? `\\u${hex(unit, 4)}` : JSON.stringify(String.fromCharCode(unit)).slice(1, -1),
    ),
  (v) => encodeURIComponent(Buffer.from(v).toString()),
  (v) =>
    encodeURIComponent(Buffer.from(v).toString()).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  (v) => encodeURI(Buffer.from(v).toString()),
  (v) => new URLSearchParams({ v }).toString().slice(2),
  (v) => everyByte(v, (byte) => `%${hex(byte, 2).toUpperCase()}`),
  (v) => Buffer.from(v).toString('base64'),
  (v) => Buffer.from(v).toString('base64').replace(/=+$/, ''),
  (v) => Buffer.from(v).toString('base64url'),
  (v) => Buffer.from(v).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
];
const encodings = spellers.map((spell) => (v: string) => ({ text: spell(v), valuePart: spell(v) }));

/** base64 of the value inside a larger blob, at each byte offset, in both alphabets. */
const blobEncodings = (['base64', 'base64url'] as const).flatMap((alphabet) =>
  [0, 1, 2].map((offset) => (v: string) => {
    const encoded = Buffer.concat([
      Buffer.from('pq'.slice(0, offset)),
      Buffer.from(v),
      Buffer.from('z'),
    ]).toString(alphabet);
    const valuePart = base64Fragments(v, alphabet)[offset] ?? '';
    return { text: encoded, valuePart };
  }),
);
const allEncodings = [...encodings, ...blobEncodings];

/** Every 4 characters in a row of the raw value or of the value-only part of any encoding. */
function forbidden(v: string): Set<string> {
  const grams = new Set<string>();
  for (const encode of allEncodings) {
    const { valuePart } = encode(v);
    for (let i = 0; i + 4 <= valuePart.length; i++) grams.add(valuePart.slice(i, i + 4));
  }
  return grams;
}
const holdsAny = (text: string, grams: Set<string>) => {
  for (let i = 0; i + 4 <= text.length; i++) if (grams.has(text.slice(i, i + 4))) return true;
  return false;
};

// Values of any characters but `*` (the mask could then spell part of a form with its
// neighbours, which leaks nothing but would fail the check), with the ones escapes are made of.
const valueArb = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('/', '"', '\\', '+', '=', ' ', '%', 'é', '€', '😀', '\n'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 24,
  })
  .filter((v) => !v.includes('*'));
const textArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\\', '%', '+', 'u', '0', 'A', '=', '"'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

/**
 * Text pieces with encodings of `v` between them. `skeleton(end)` is the text up to `end`
 * with each value part as `\0`, except what is left of one cut at `end` when shorter than 4
 * characters (which may stay): 4 characters from a form found in it got there by chance.
 */
const embedded = fc
  .tuple(
    valueArb,
    textArb,
    fc.array(fc.tuple(fc.nat(allEncodings.length - 1), textArb), { minLength: 1, maxLength: 5 }),
  )
  .map(([v, head, rest]) => {
    const valueParts: [number, number][] = [];
    let text = head;
    for (const [index, after] of rest) {
      const { text: encoded, valuePart } = allEncodings[index]?.(v) ?? { text: '', valuePart: '' };
      const at = text.length + encoded.indexOf(valuePart);
      valueParts.push([at, at + valuePart.length]);
      text += encoded + after;
    }
    const skeleton = (end: number) => {
      let result = '';
      let copied = 0;
      for (const [start, stop] of valueParts) {
        if (start >= end || (stop > end && end - start < 4)) break;
        result += `${text.slice(copied, start)}\0`;
        copied = Math.min(stop, end);
      }
      return result + text.slice(copied, end);
    };
    return { v, text, skeleton, grams: forbidden(v) };
  });

describe('literalForms', () => {
  it('lists raw and base64 forms, whole and as fragments of a larger blob, longest first', () => {
    expect(literalForms('ab?>')).toEqual(
      expect.arrayContaining(['ab?>', 'YWI/Pg==', 'YWI_Pg==', 'YWI/Pg', 'YWI_Pg']),
    );
    // `user:ab?>` in a Basic header holds the value at byte offset 2.
    const basic = Buffer.from('us:ab?>').toString('base64');
    expect(literalForms('ab?>').some((form) => form.length >= 4 && basic.includes(form))).toBe(
      true,
    );
    expect(literalForms('')).toEqual([]);
  });

  it('orders any value by length, longest first', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const lengths = literalForms(value).map((form) => form.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
        expect(lengths).not.toContain(0);
      }),
    );
  });
});

describe('base64Fragments', () => {
  it('keeps exactly the characters that depend on the value alone', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uint8Array({ minLength: 2, maxLength: 2 }),
        fc.uint8Array({ minLength: 1, maxLength: 1 }),
        (v, before, after) => {
          for (const alphabet of ['base64', 'base64url'] as const) {
            base64Fragments(v, alphabet).forEach((fragment, offset) => {
              const blob = Buffer.concat([
                Buffer.from(before.subarray(0, offset)),
                Buffer.from(v),
                Buffer.from(after),
              ]);
              expect(blob.toString(alphabet)).toContain(fragment);
            });
          }
        },
      ),
    );
  });
});

describe('redactSecrets', () => {
  const secret = 'p@ss w/rd+é"\\';

  it.each(allEncodings.map((encode) => [encode(secret).text]))('masks the spelling %s', (form) => {
    const redacted = redactSecrets(`{"token":"${form}"} and again ${form}.`, [secret]);
    expect(redacted).toMatch(
      /^\{"token":"[^"]{0,4}\*\*\*[^"]{0,4}"\} and again .{0,4}\*\*\*.{0,4}\.$/,
    );
    expect(holdsAny(redacted, forbidden(secret))).toBe(false);
  });

  it('masks every JSON escaping: \\/, \\uXXXX in either case, surrogate pairs', () => {
    const value = 'a/b😀c';
    for (const form of [
      'a\\/b\\uD83D\\uDE00c',
      '\\u0061\\u002F\\u0062\\ud83d\\ude00\\u0063',
      'a\\/b😀\\u0063',
    ]) {
      expect(redactSecrets(`x ${form} y`, [value])).toBe('x *** y');
    }
  });

  it('masks percent-encoding in either case, and + for a space', () => {
    expect(redactSecrets('q=p%40ss%20w%2frd&r=p%40ss+w%2Frd&s=%70%40ss w/rd', ['p@ss w/rd'])).toBe(
      'q=***&r=***&s=***',
    );
  });

  it('finds an escaped value behind a stray backslash or inside another escape', () => {
    expect(redactSecrets('\\\\u0041bc', ['Abc'])).toBe('\\***');
    expect(redactSecrets('\\u0041\\"x', ['u0041"x'])).toBe('\\***');
  });

  it('masks several values and leaves other text alone', () => {
    expect(redactSecrets('user=alice&pass=hunter22&key=k3y!', ['hunter22', 'k3y!'])).toBe(
      'user=alice&pass=***&key=***',
    );
    expect(redactSecrets('nothing here', ['hunter22'])).toBe('nothing here');
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
    expect(redactSecrets('nothing here', [''])).toBe('nothing here');
  });

  it('takes regular expression metacharacters literally', () => {
    const value = '.*+?^${}()|[]\\/';
    expect(redactSecrets(`a${value}b ${JSON.stringify(value)}`, [value])).toBe('a***b "***"');
    expect(redactSecrets('any text at all', ['.*'])).toBe('any text at all');
  });

  it('leaves no part of overlapping values visible, whatever their order', () => {
    for (const values of [
      ['xab', 'abcdef'],
      ['abcdef', 'xab'],
    ]) {
      expect(redactSecrets('<xabcdef>', values)).toBe('<***>');
    }
    expect(redactSecrets('ababab abab', ['abab'])).toBe('*** ***');
  });

  it('masks a value that contains asterisks', () => {
    expect(redactSecrets('a**b*c', ['**b*'])).toBe('a***c');
    expect(redactSecrets('x *** y', ['***'])).toBe('x *** y');
  });

  it('masks a text that ends in a beginning of a spelling, 4 characters or more', () => {
    const value = 'hunter22/x';
    expect(redactSecrets('token=hunt', [value])).toBe('token=***');
    expect(redactSecrets('token=hun', [value])).toBe('token=hun');
    expect(redactSecrets('token=hunter22%2', [value])).toBe('token=***');
    expect(redactSecrets('"token":"hunter22\\u00', [value])).toBe('"token":"***');
    expect(redactSecrets(`b=${Buffer.from(value).toString('base64').slice(0, 6)}`, [value])).toBe(
      'b=***',
    );
  });

  it('handles many occurrences and long periodic values in linear time', () => {
    expect(redactSecrets('abc s3cret '.repeat(10_000), ['s3cret'])).toBe('abc *** '.repeat(10_000));
    expect(redactSecrets('a'.repeat(65_536), ['a'.repeat(32_768)])).toBe('***');
    expect(redactSecrets('\\u0061'.repeat(32_768), ['a'.repeat(32_768)])).toBe('***');
  });

  it('never lets 4 characters of a spelling through, wherever spellings are embedded', () => {
    fc.assert(
      fc.property(embedded, ({ v, text, skeleton, grams }) => {
        fc.pre(!holdsAny(skeleton(text.length), grams));
        expect(holdsAny(redactSecrets(text, [v]), grams)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('nor when the text ends inside a spelling', () => {
    fc.assert(
      fc.property(embedded, fc.nat(), ({ v, text, skeleton, grams }, cut) => {
        const end = cut % (text.length + 1);
        fc.pre(!holdsAny(skeleton(end), grams));
        expect(holdsAny(redactSecrets(text.slice(0, end), [v]), grams)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('returns text that holds no spelling of the value unchanged', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.string({ unit: 'binary' }), (v, text) => {
        fc.pre(
          !holdsAny(text, forbidden(v)) &&
            !holdsAny(text, new Set(literalForms(v).flatMap((f) => [f.slice(0, 4)]))),
        );
        expect(redactSecrets(text, [v])).toBe(text);
      }),
    );
  });
});

describe('redactPrefix', () => {
  it('masks a value across the cut and pulls nothing from past it into view', () => {
    const value = 'abcdefghij0123456789';
    const text = `${`${value} `.repeat(100)}${'.'.repeat(40)}${value}${value}tail`;
    const cut = Buffer.byteLength(text) - 2 * value.length - 4 + 5;
    expect(redactPrefix(text, [value], cut)).toBe(`${'*** '.repeat(100)}${'.'.repeat(40)}***`);
  });

  it('keeps at most maxBytes, whole characters, and nothing of a value', () => {
    fc.assert(
      fc.property(embedded, fc.nat(), ({ v, text, skeleton, grams }, cut) => {
        fc.pre(!holdsAny(skeleton(text.length), grams));
        const maxBytes = cut % (Buffer.byteLength(text) + 1);
        const kept = redactPrefix(text, [v], maxBytes);
        expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(maxBytes);
        expect(holdsAny(kept, grams)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
