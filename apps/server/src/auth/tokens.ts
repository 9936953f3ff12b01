import { createHash, randomBytes } from 'node:crypto';

/** Random, URL-safe, 256 bits. The prefix makes a leaked token easy to recognise in scans. */
export const newToken = (prefix: string): string =>
  `${prefix}_${randomBytes(32).toString('base64url')}`;

/** Tokens are high-entropy, so a plain SHA-256 is enough to make a stolen table useless. */
export const hashToken = (token: string): Buffer =>
  createHash('sha256').update(token, 'utf8').digest();

export const SESSION_COOKIE = 'sid';
export const SESSION_TOKEN_PREFIX = 'sms';
export const API_TOKEN_PREFIX = 'smt';
