import { createCipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, open, seal, type SealedValue } from './envelope';
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
