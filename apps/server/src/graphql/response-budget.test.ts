import fc from 'fast-check';
import { jsonStringBytes } from './response-budget';

describe('jsonStringBytes', () => {
  it('is the UTF-8 length of JSON.stringify for any text, lone surrogates and controls included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()),
        (text) => {
          expect(jsonStringBytes(text)).toBe(Buffer.byteLength(JSON.stringify(text)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts each escape as JSON writes it', () => {
    for (const text of ['', '"', '\\', '\n\t\b\f\r', '\u0000\u001f', 'é€😀', '\ud800', '\udc00x'])
      expect(jsonStringBytes(text)).toBe(Buffer.byteLength(JSON.stringify(text)));
  });
});
