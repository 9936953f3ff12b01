import pino, { type Logger } from 'pino';

/**
 * JSON logs. Values never reach a log call; the redaction below is a second net for
 * credentials that travel in headers and for any object that carries a `value`,
 * `password` or `token` field.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.value',
          '*.password',
          '*.token',
          '*.variables',
          'value',
          'password',
          'token',
          'variables',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
