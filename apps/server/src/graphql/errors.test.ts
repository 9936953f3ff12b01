import { withoutInputValues, withoutSuggestions } from './errors';

describe('withoutInputValues', () => {
  it('cuts the quoted input out of graphql-js coercion messages', () => {
    expect(
      withoutInputValues(
        'Variable "$input" got invalid value 123 at "input.value"; String cannot represent a non string value: 123',
      ),
    ).toBe('Variable "$input" has an invalid value at "input.value".');
    expect(
      withoutInputValues(
        'Variable "$v" got invalid value { a: "hunter2" }; Expected type "String".',
      ),
    ).toBe('Variable "$v" has an invalid value.');
    expect(withoutInputValues('String cannot represent a non string value: 73914205386')).toBe(
      'String cannot represent a non string value.',
    );
    expect(withoutInputValues('Expected value of type "String!", found 73914205386.')).toBe(
      'Expected value of type "String!".',
    );
  });

  it('leaves other messages alone', () => {
    expect(withoutInputValues('Cannot query field "value" on type "Secret".')).toBe(
      'Cannot query field "value" on type "Secret".',
    );
  });
});

describe('withoutSuggestions', () => {
  it('removes the hints that spell out the schema', () => {
    expect(
      withoutSuggestions(
        'Cannot query field "secrts" on type "Query". Did you mean "secrets" or "secret"?',
      ),
    ).toBe('Cannot query field "secrts" on type "Query".');
  });
});
