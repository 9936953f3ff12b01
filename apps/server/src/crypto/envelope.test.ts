import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, open, reseal, rewrap, seal, type SealedValue } from './envelope';
import { Keyring, UnknownMasterKeyError } from './keyring';

const keyring = new Keyring(randomBytes(32));
const AAD = 'secret:7f1c9a52-1111-4222-8333-944455556666:WEBHOOK';

/** Flips one bit at `offset` of one part of a sealed value. */
function flip(
  sealed: SealedValue,
  part: 'encryptedValue' | 'encryptedDataKey',
  offset: number,
): SealedValue {
  const copy = Buffer.from(sealed[part]);
  copy[offset] = (copy[offset] ?? 0) ^ 0x01;
  return { ...sealed, [part]: copy };
}

describe('envelope encryption', () => {
  it('round-trips any value, byte for byte', () => {
    for (const value of ['x', ' padded \n', '😀'.repeat(16_384), 'ünïcödé\u0000nul']) {
      expect(open(keyring, seal(keyring, value, AAD), AAD)).toBe(value);
    }
  });

  it('uses a fresh data key and IV for every value', () => {
    const a = seal(keyring, 'same', AAD);
    const b = seal(keyring, 'same', AAD);
    expect(a.encryptedValue.equals(b.encryptedValue)).toBe(false);
    expect(a.encryptedDataKey.subarray(0, 12).equals(b.encryptedDataKey.subarray(0, 12))).toBe(
      false,
    );
    expect(a.masterKeyId).toBe(keyring.current.id);
  });

  it.each([
    ['IV', 'encryptedValue', 0],
    ['tag', 'encryptedValue', 12],
    ['ciphertext', 'encryptedValue', 28],
    ['wrapped key IV', 'encryptedDataKey', 0],
    ['wrapped key tag', 'encryptedDataKey', 12],
    ['wrapped key', 'encryptedDataKey', 40],
  ] as const)('refuses a tampered %s', (_name, part, offset) => {
    const sealed = seal(keyring, 'a value long enough to tamper with', AAD);
    expect(() => open(keyring, flip(sealed, part, offset), AAD)).toThrow(DecryptionError);
  });

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const sealed = seal(keyring, 'value', AAD);
    expect(() => open(keyring, sealed, AAD.replace('7f1c9a52', '00000000'))).toThrow(
      DecryptionError,
    );
    expect(() => open(keyring, sealed, AAD.replace('WEBHOOK', 'INTEGRATION'))).toThrow(
      DecryptionError,
    );
  });

  it('refuses a value whose tag was truncated to 4 bytes', () => {
    // Forge a sealed value by hand: a correctly wrapped data key, and a value encrypted
    // under it with a 4-byte tag, which Node 20 would accept without authTagLength.
    const gcm = (key: Buffer, plaintext: Buffer, tagLength: number) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
      cipher.setAAD(Buffer.from(AAD));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    };
    const dataKey = randomBytes(32);
    const forged: SealedValue = {
      masterKeyId: keyring.current.id,
      encryptedDataKey: gcm(keyring.current.key, dataKey, 16),
      encryptedValue: gcm(dataKey, Buffer.from('a value with a short tag'), 4),
    };
    expect(() => open(keyring, forged, AAD)).toThrow(DecryptionError);
    const honest = {
      ...forged,
      encryptedValue: gcm(dataKey, Buffer.from('a value with a full tag'), 16),
    };
    expect(open(keyring, honest, AAD)).toBe('a value with a full tag');
  });

  it('opens values sealed with a previous master key, and seals with the current one', () => {
    const oldKey = randomBytes(32);
    const sealed = seal(new Keyring(oldKey), 'rotated', AAD);
    const rotated = new Keyring(randomBytes(32), [oldKey]);
    expect(open(rotated, sealed, AAD)).toBe('rotated');
    expect(seal(rotated, 'new', AAD).masterKeyId).toBe(rotated.current.id);
  });

  it('names the missing key when the master key that sealed a value is gone', () => {
    const sealed = seal(new Keyring(randomBytes(32)), 'lost', AAD);
    expect(() => open(keyring, sealed, AAD)).toThrow(UnknownMasterKeyError);
  });

  it('refuses master keys that are not 32 bytes', () => {
    expect(() => new Keyring(randomBytes(16))).toThrow(RangeError);
  });
});

describe('rewrapping a data key', () => {
  const oldKey = randomBytes(32);
  const rotated = new Keyring(randomBytes(32), [oldKey]);

  it('moves the data key to the current master key and leaves the value as it was', () => {
    const sealed = seal(new Keyring(oldKey), 'rewrapped value', AAD);
    const moved = { ...sealed, ...rewrap(rotated, sealed, AAD) };
    expect(moved.masterKeyId).toBe(rotated.current.id);
    expect(moved.encryptedDataKey.equals(sealed.encryptedDataKey)).toBe(false);
    expect(moved.encryptedValue).toBe(sealed.encryptedValue);
    // Opens with the current key alone: the previous one can go.
    expect(open(new Keyring(rotated.current.key), moved, AAD)).toBe('rewrapped value');
  });

  it('refuses a wrapped key under another row or a key that is not configured', () => {
    const sealed = seal(new Keyring(oldKey), 'value', AAD);
    expect(() => rewrap(rotated, sealed, AAD.replace('WEBHOOK', 'INTEGRATION'))).toThrow(
      DecryptionError,
    );
    expect(() => rewrap(keyring, sealed, AAD)).toThrow(UnknownMasterKeyError);
  });
});

describe('resealing a value under other associated data', () => {
  const oldKey = randomBytes(32);
  const rotated = new Keyring(randomBytes(32), [oldKey]);
  const NEXT = `${AAD}:3`;

  it('gives the same value under a fresh data key, the current master key and the new binding', () => {
    const sealed = seal(new Keyring(oldKey), 'restored value', AAD);
    const moved = reseal(rotated, sealed, AAD, NEXT);
    expect(moved.masterKeyId).toBe(rotated.current.id);
    expect(moved.encryptedValue.equals(sealed.encryptedValue)).toBe(false);
    expect(open(new Keyring(rotated.current.key), moved, NEXT)).toBe('restored value');
    // Bound to the new associated data only.
    expect(() => open(rotated, moved, AAD)).toThrow(DecryptionError);
  });

  it('refuses a value that does not open under the associated data given', () => {
    const sealed = seal(rotated, 'value', AAD);
    expect(() => reseal(rotated, sealed, NEXT, NEXT)).toThrow(DecryptionError);
  });
});

describe('nonce uniqueness', () => {
  /** The IV of an `iv | tag | ciphertext` blob. */
  const ivOf = (blob: Buffer) => blob.subarray(0, 12).toString('hex');
  /** The data key inside a wrapped one, decrypted here so the test checks the real bytes. */
  const unwrap = (masterKey: Buffer, wrapped: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, 12), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(AAD));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  };

  it('never repeats a (key, IV) pair over 100,000 seals and their 100,000 rewraps', () => {
    const count = 100_000;
    const oldKeyring = new Keyring(randomBytes(32));
    const newKeyring = new Keyring(randomBytes(32), [oldKeyring.current.key]);
    // (master key, IV) of every wrap, and (data key, IV) of every value encryption.
    const masterKeyIvs = new Set<string>();
    const dataKeyIvs = new Set<string>();
    const dataKeys = new Set<string>();
    for (let index = 0; index < count; index++) {
      const sealed = seal(oldKeyring, 'v', AAD);
      const dataKey = unwrap(oldKeyring.current.key, sealed.encryptedDataKey).toString('hex');
      masterKeyIvs.add(`${sealed.masterKeyId}:${ivOf(sealed.encryptedDataKey)}`);
      dataKeyIvs.add(`${dataKey}:${ivOf(sealed.encryptedValue)}`);
      dataKeys.add(dataKey);

      const moved = rewrap(newKeyring, sealed, AAD);
      masterKeyIvs.add(`${moved.masterKeyId}:${ivOf(moved.encryptedDataKey)}`);
    }
    // A rewrap keeps the data key and the value's ciphertext, so it adds no (data key, IV) pair.
    expect(masterKeyIvs.size).toBe(2 * count);
    expect(dataKeyIvs.size).toBe(count);
    expect(dataKeys.size).toBe(count);
  }, 60_000);
});
