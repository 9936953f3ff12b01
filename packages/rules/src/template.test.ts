import fc from 'fast-check';
import {
  parseTemplate,
  referencedSecretNames,
  renameSecretReferences,
  substituteSecrets,
} from './template';

const upper = (name: string): string => name.toUpperCase();
const names = (text: string): string[] => parseTemplate(text).references.map((r) => r.name);
const malformedTexts = (text: string): string[] => parseTemplate(text).malformed.map((m) => m.text);

describe('parseTemplate', () => {
  it.each([
    ['{secret:jira}', 'jira'],
    ['{{secret:jira}}', 'jira'],
    ['{secret:A-z_09}', 'A-z_09'],
    ['{secret:' + 'n'.repeat(64) + '}', 'n'.repeat(64)],
  ])('reads %s as one token for the whole text', (text, name) => {
    expect(parseTemplate(text)).toEqual({
      references: [{ name, start: 0, end: text.length }],
      malformed: [],
    });
  });

  it('finds several tokens in one value and keeps their spans', () => {
    const text = 'Bearer {secret:a} x {{secret:b}}!';
    const { references, malformed } = parseTemplate(text);
    expect(malformed).toEqual([]);
    expect(references.map((r) => [r.name, text.slice(r.start, r.end)])).toEqual([
      ['a', '{secret:a}'],
      ['b', '{{secret:b}}'],
    ]);
  });

  it('reads adjacent tokens of either style', () => {
    expect(names('{secret:a}{secret:b}{{secret:c}}{{secret:d}}{secret:e}')).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it.each([
    // [text, token, its start]: the double form is tried first, then the single one.
    ['{{secret:a}', '{secret:a}', 1],
    ['{secret:a}}', '{secret:a}', 0],
    ['{{secret:a}}}', '{{secret:a}}', 0],
    ['{{{secret:a}}}', '{{secret:a}}', 1],
    ['{{{secret:a}', '{secret:a}', 2],
    ['x{{secret:a}y', '{secret:a}', 2],
  ])('reads %s as literal braces around %s', (text, token, start) => {
    expect(parseTemplate(text)).toEqual({
      references: [{ name: 'a', start, end: start + token.length }],
      malformed: [],
    });
  });

  it.each([
    ['{secret:}', '{secret:}'],
    ['{{secret:}}', '{{secret:}}'],
    ['{secret:jira', '{secret:jira'],
    ['{{secret:jira', '{{secret:jira'],
    ['{secret:my token}', '{secret:my token}'],
    ['{secret: jira}', '{secret: jira}'],
    ['{secret:jira.pat}', '{secret:jira.pat}'],
    ['{secret:jïra}', '{secret:jïra}'],
    ['{secret:}jira}', '{secret:}'],
    ['{secret:{jira}}', '{secret:{jira}'],
  ])('reports %s as malformed', (text, fragment) => {
    expect(parseTemplate(text)).toEqual({
      references: [],
      malformed: [{ start: 0, text: fragment }],
    });
  });

  it('reports a 65-character name as malformed, cut to 40 characters', () => {
    const text = `x {secret:${'n'.repeat(65)}}`;
    expect(parseTemplate(text)).toEqual({
      references: [],
      malformed: [{ start: 2, text: text.slice(2, 42) }],
    });
  });

  it('reports nested references and still sees the inner token', () => {
    const { references, malformed } = parseTemplate('{secret:{secret:a}}');
    expect(malformed).toEqual([{ start: 0, text: '{secret:{secret:a}' }]);
    expect(references).toEqual([{ name: 'a', start: 8, end: 18 }]);
  });

  it('reports each bad fragment once, beside the valid tokens', () => {
    const text = '{secret:ok} {{secret:}} {secret:bad name} {{secret:fine}}';
    expect(names(text)).toEqual(['ok', 'fine']);
    expect(parseTemplate(text).malformed).toEqual([
      { start: 12, text: '{{secret:}}' },
      { start: 24, text: '{secret:bad name}' },
    ]);
  });

  it.each([
    '{{7*7}}',
    "{{constructor.constructor('x')()}}",
    '${process.env.SECRET}',
    '#{7*7}',
    '{SECRET:jira}',
    '{ secret:jira}',
    '{secret jira}',
    '{{ secret:jira }}',
    'secret:jira}',
    '{}{{}}}}{{',
  ])('keeps %s as plain text, neither token nor malformed', (text) => {
    expect(parseTemplate(text)).toEqual({ references: [], malformed: [] });
    expect(substituteSecrets(text, upper)).toBe(text);
  });

  it('handles thousands of tokens and long runs of braces', () => {
    const many = '{secret:a}{{secret:b}}'.repeat(5_000);
    expect(parseTemplate(many).references).toHaveLength(10_000);
    expect(parseTemplate('{'.repeat(100_000))).toEqual({ references: [], malformed: [] });
    expect(parseTemplate('{{secret:'.repeat(20_000)).malformed).toHaveLength(20_000);
    const longNames = `{secret:${'n'.repeat(10_000)}`.repeat(10);
    expect(parseTemplate(longNames).malformed).toHaveLength(10);
  });

  it('never throws, and its spans are ordered, disjoint and well formed', () => {
    const braceHeavy = fc.string({
      unit: fc.constantFrom('{', '}', '{secret:', '{{secret:', 'a', '-', ' ', ':', 'é', '😀'),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), braceHeavy), (text) => {
        const { references, malformed } = parseTemplate(text);
        let previousEnd = 0;
        for (const { name, start, end } of references) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect([`{secret:${name}}`, `{{secret:${name}}}`]).toContain(text.slice(start, end));
          previousEnd = end;
        }
        for (const fragment of malformed) {
          expect(fragment.text.length).toBeLessThanOrEqual(40);
          expect(text.startsWith(fragment.text, fragment.start)).toBe(true);
          expect(fragment.text).toMatch(/^\{\{?secret:/);
        }
      }),
    );
  });
});

describe('referencedSecretNames', () => {
  it('lists unique names in order of first appearance over several values', () => {
    expect(
      referencedSecretNames([
        'Bearer {secret:b}',
        '{{secret:a}}:{secret:b}',
        'plain',
        '{secret:}',
        '{secret:c}{secret:a}',
      ]),
    ).toEqual(['b', 'a', 'c']);
  });

  it('returns nothing for no values', () => {
    expect(referencedSecretNames([])).toEqual([]);
  });
});

describe('substituteSecrets', () => {
  it('replaces each token of either style and keeps the rest as written', () => {
    expect(substituteSecrets('Bearer {secret:a}, {{secret:b}}; x', upper)).toBe('Bearer A, B; x');
    expect(substituteSecrets('{{secret:a}', upper)).toBe('{A');
    expect(substituteSecrets('{secret:a}}', upper)).toBe('A}');
    expect(substituteSecrets('{secret:a}{secret:a}', upper)).toBe('AA');
  });

  it('leaves malformed fragments as text', () => {
    expect(substituteSecrets('{secret:} {secret:a b}', upper)).toBe('{secret:} {secret:a b}');
  });

  it('inserts values verbatim and never parses them again', () => {
    const values: Record<string, string> = { a: '{secret:b}', b: 'never', c: '${1+1}{{7*7}}' };
    const valueOf = (name: string): string => values[name] ?? '';
    expect(substituteSecrets('{secret:a}|{secret:c}', valueOf)).toBe('{secret:b}|${1+1}{{7*7}}');
  });

  it('returns arbitrary text without a `{secret:` fragment unchanged', () => {
    const pieces = fc.constantFrom('{', '}', '{{', '}}', 'secret', ':', '$', 'a', ' ', '😀');
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(pieces).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes('{secret:')),
        fc.func<[string], string>(fc.string()),
        (s, valueOf) => {
          expect(substituteSecrets(s, valueOf)).toBe(s);
        },
      ),
    );
  });

  it('changes only the tokens when text is interleaved with generated tokens', () => {
    // Chunks without `{` cannot open a token nor widen a neighbouring one.
    const chunk = fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom('}', '}}', 'secret:', '$', ':'),
      ),
    });
    const safeChunk = chunk.map((s) => s.replaceAll('{', ''));
    const token = fc
      .record({ name: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), double: fc.boolean() })
      .map(({ name, double }) => ({
        name,
        written: double ? `{{secret:${name}}}` : `{secret:${name}}`,
      }));
    fc.assert(
      fc.property(
        safeChunk,
        fc.array(fc.tuple(token, safeChunk)),
        fc.func<[string], string>(fc.string({ unit: 'binary' })),
        (head, rest, valueOf) => {
          const text = head + rest.map(([{ written }, after]) => written + after).join('');
          const expected = head + rest.map(([{ name }, after]) => valueOf(name) + after).join('');
          expect(substituteSecrets(text, valueOf)).toBe(expected);
          expect(names(text)).toEqual(rest.map(([{ name }]) => name));
          expect(malformedTexts(text)).toEqual([]);
        },
      ),
    );
  });
});

describe('renameSecretReferences', () => {
  it('renames both styles, keeping each one', () => {
    expect(renameSecretReferences('Bearer {secret:jira} {{secret:jira}}', 'jira', 'tracker')).toBe(
      'Bearer {secret:tracker} {{secret:tracker}}',
    );
  });

  it('matches the old name case-insensitively', () => {
    expect(renameSecretReferences('{secret:JIRA}|{{secret:Jira}}', 'jira', 'tracker')).toBe(
      '{secret:tracker}|{{secret:tracker}}',
    );
  });

  it('ignores other names, names sharing a prefix, and malformed fragments', () => {
    const text =
      '{secret:jira_pat} {secret:jir} {{secret:ajira}} {secret:jira x} jira {secret:jira}';
    expect(renameSecretReferences(text, 'jira', 'tracker')).toBe(
      '{secret:jira_pat} {secret:jir} {{secret:ajira}} {secret:jira x} jira {secret:tracker}',
    );
  });

  it('keeps literal braces next to a token', () => {
    expect(renameSecretReferences('{{secret:jira}|{secret:jira}}', 'jira', 'x')).toBe(
      '{{secret:x}|{secret:x}}',
    );
  });

  it('returns text without the name unchanged', () => {
    expect(renameSecretReferences('{{7*7}} {secret:other}', 'jira', 'tracker')).toBe(
      '{{7*7}} {secret:other}',
    );
  });
});
