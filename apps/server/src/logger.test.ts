import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

describe('log redaction', () => {
  it('keeps the bound parameters of a failed query out of the log', () => {
    const { logger, lines } = capture();
    const parameters = ['sealed-bytes-canary', 'name'];
    const error = new QueryFailedError(
      'INSERT INTO secrets VALUES ($1, $2)',
      parameters,
      new Error('duplicate key'),
    );
    logger.error({ err: error }, 'unexpected error');
    expect(lines).toHaveLength(1);
    expect(lines.join('')).toContain('duplicate key');
    expect(lines.join('')).not.toContain('sealed-bytes-canary');
  });

  it('hides value, password, token and variables fields', () => {
    const { logger, lines } = capture();
    logger.info(
      { value: 'v-canary', input: { password: 'p-canary', token: 't-canary' }, variables: 'x' },
      'call',
    );
    // The line was written, with each field in its place, censored.
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        msg: 'call',
        value: '[redacted]',
        input: { password: '[redacted]', token: '[redacted]' },
        variables: '[redacted]',
      }),
    ]);
    expect(lines.join('')).not.toMatch(/v-canary|p-canary|t-canary/);
  });
});
