import pino, { type Logger } from 'pino';

/**
 * JSON logs. Values never reach a log call; the redaction below is a second net for
 * credentials that travel in headers, for any object that carries a `value`, `password` or
 * `token` field, and for the bound parameters a failed TypeORM query carries on its error.
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
          '*.parameters',
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
