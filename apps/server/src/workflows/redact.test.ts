import fc from 'fast-check';
import { redactSecrets, secretForms } from './redact';

// Written out independently of secretForms, so that the property checks the forms W6 names.
const encodings: readonly ((value: string) => string)[] = [
  (v) => v,
  (v) => Buffer.from(v).toString('base64'),
  (v) => Buffer.from(v).toString('base64').replace(/=+$/, ''),
  (v) => Buffer.from(v).toString('base64url'),
  (v) => encodeURIComponent(v),
  (v) => encodeURIComponent(v).replace(/%20/g, '+'),
  (v) => new URLSearchParams({ v }).toString().slice(2),
  (v) => JSON.stringify(v).slice(1, -1),
];

describe('secretForms', () => {
  it('lists raw, base64, URL-encoded and JSON-escaped forms, longest first', () => {
    expect(secretForms('ab?>')).toEqual([
      'YWI/Pg==',
      'YWI_Pg==',
      'ab%3F%3E',
      'YWI/Pg',
      'YWI_Pg',
      'ab?>',
    ]);
    expect(secretForms(`it's "ok"!`)).toEqual(
      expect.arrayContaining([
        `it's "ok"!`,
        `it's%20%22ok%22!`,
        `it's+%22ok%22!`,
        'it%27s+%22ok%22%21',
        `it's \\"ok\\"!`,
        'aXQncyAib2siIQ==',
        'aXQncyAib2siIQ',
      ]),
    );
  });

  it('drops duplicates and empty strings', () => {
    expect(secretForms('abcd')).toEqual(['YWJjZA==', 'YWJjZA', 'abcd']);
    expect(secretForms('')).toEqual([]);
  });

  it('copes with a lone surrogate, which encodeURIComponent rejects', () => {
    expect(secretForms('\ud800x')).toEqual(expect.arrayContaining(['\ud800x', '%EF%BF%BDx']));
  });

  it('orders any value by length, longest first', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const lengths = secretForms(value).map((form) => form.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
        expect(lengths).not.toContain(0);
      }),
    );
  });
});

describe('redactSecrets', () => {
  const secret = 'p@ss w/rd+é"\\';

  it.each(encodings.map((encode) => [encode(secret)]))('masks the form %s', (form) => {
    expect(redactSecrets(`{"token":"${form}"} and again ${form}.`, [secret])).toBe(
      '{"token":"***"} and again ***.',
    );
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

  it('handles many occurrences and long periodic values', () => {
    expect(redactSecrets('abc s3cret '.repeat(10_000), ['s3cret'])).toBe('abc *** '.repeat(10_000));
    expect(redactSecrets('a'.repeat(65_536), ['a'.repeat(32_768)])).toBe('***');
  });

  it('never lets a form of the value through, wherever it is embedded', () => {
    // A value with `*` is left out: its forms could be spelt by the mask and its neighbours,
    // which leaks nothing but would fail this check; the unit test above covers such values.
    const value = fc
      .oneof(fc.string({ minLength: 4 }), fc.string({ unit: 'binary', minLength: 4 }))
      .filter((v) => v.length >= 4 && !v.includes('*'));
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(
        value,
        text,
        fc.array(fc.tuple(fc.nat(encodings.length - 1), text), { minLength: 1 }),
        (v, head, rest) => {
          const embedded =
            head + rest.map(([i, after]) => (encodings[i]?.(v) ?? '') + after).join('');
          const redacted = redactSecrets(embedded, [v]);
          for (const form of [...encodings.map((encode) => encode(v)), ...secretForms(v)]) {
            expect(redacted).not.toContain(form);
          }
          expect(redacted).toContain('***');
        },
      ),
    );
  });

  it('returns text that holds no form of the value unchanged', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ unit: 'binary' }), (v, text) => {
        fc.pre(secretForms(v).every((form) => !text.includes(form)));
        expect(redactSecrets(text, [v])).toBe(text);
      }),
    );
  });
});
