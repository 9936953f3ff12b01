import { isDatabaseUnavailable } from './postgres-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is away, starting, full or too slow', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    }
    for (const sqlstate of ['08006', '08001', '57P01', '57P02', '57P03', '53300', '57014']) {
      expect(isDatabaseUnavailable(withCode(sqlstate))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('follows TypeORM driver errors, causes and aggregate errors', () => {
    expect(isDatabaseUnavailable({ message: 'q', driverError: withCode('57P01') })).toBe(true);
    expect(isDatabaseUnavailable(new Error('x', { cause: withCode('ECONNRESET') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves errors of the statement or the input alone', () => {
    for (const code of ['23505', '22021', '42P01', '40001', 'ERR_INVALID_ARG_TYPE']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('Connection refused by the peer policy'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
