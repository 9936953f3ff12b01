import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { concurrencyLimit } from '../common/concurrency-limit';

// OWASP's Password Storage Cheat Sheet: argon2id first, else scrypt with at least N=2^17,
// r=8, p=1 (128 MiB, about a quarter second); these are exactly that minimum. Node 20 has
// scrypt built in and no argon2id, which would need a native add-on.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/**
 * Each scrypt holds one of libuv's 4 threads for about a quarter second, and 128 MiB: two at
 * a time leave the other threads to DNS lookups, file access and other crypto however many
 * logins arrive (the rest wait their turn), and bound the memory to 256 MiB.
 */
const SCRYPT_CONCURRENCY = 2;
const limitScrypt = concurrencyLimit(SCRYPT_CONCURRENCY);

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return limitScrypt(
    () =>
      new Promise<Buffer>((done, fail) =>
        scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
          error ? fail(error) : done(key),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64 parts: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
