import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What the database stores for one value: never the value, never an unwrapped key. */
export interface SealedValue {
  masterKeyId: string;
  /** iv | tag | AES-256-GCM(master key, data key) */
  encryptedDataKey: Buffer;
  /** iv | tag | AES-256-GCM(data key, value) */
  encryptedValue: Buffer;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
  constructor() {
    super(
      'A stored value could not be decrypted: the master key is wrong or the data was altered.',
    );
  }
}

function encrypt(key: Buffer, plaintext: Buffer, associatedData: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function decrypt(key: Buffer, sealed: Buffer, associatedData: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  // authTagLength pins the tag to 16 bytes: Node 20 would otherwise accept a truncated one.
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData);
  try {
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError();
  }
}

/**
 * Envelope encryption: a fresh data key per value, wrapped by the current master key.
 * `associatedData` binds the ciphertext to its row (the secret's id and kind), so a
 * ciphertext copied to another row does not open.
 */
export function seal(keyring: Keyring, plaintext: string, associatedData: string): SealedValue {
  return sealBytes(keyring, Buffer.from(plaintext, 'utf8'), associatedData);
}

function sealBytes(keyring: Keyring, plaintext: Buffer, associatedData: string): SealedValue {
  const dataKey = randomBytes(32);
  const aad = Buffer.from(associatedData, 'utf8');
  const { id, key } = keyring.current;
  try {
    return {
      masterKeyId: id,
      encryptedDataKey: encrypt(key, dataKey, aad),
      encryptedValue: encrypt(dataKey, plaintext, aad),
    };
  } finally {
    dataKey.fill(0);
  }
}

function openBytes(keyring: Keyring, sealed: SealedValue, associatedData: string): Buffer {
  const aad = Buffer.from(associatedData, 'utf8');
  const dataKey = decrypt(keyring.get(sealed.masterKeyId).key, sealed.encryptedDataKey, aad);
  try {
    return decrypt(dataKey, sealed.encryptedValue, aad);
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The same value sealed again under a fresh data key, the current master key and other
 * associated data (a rollback stores an earlier value as a new version): the plaintext
 * exists only inside this function, and is wiped before it returns.
 */
export function reseal(
  keyring: Keyring,
  sealed: SealedValue,
  fromAssociatedData: string,
  toAssociatedData: string,
): SealedValue {
  const plaintext = openBytes(keyring, sealed, fromAssociatedData);
  try {
    return sealBytes(keyring, plaintext, toAssociatedData);
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Key rotation: the same data key, unwrapped with whichever master key sealed it and
 * wrapped again by the current one under a fresh IV. The value's ciphertext is untouched.
 */
export function rewrap(
  keyring: Keyring,
  sealed: Pick<SealedValue, 'masterKeyId' | 'encryptedDataKey'>,
  associatedData: string,
): Pick<SealedValue, 'masterKeyId' | 'encryptedDataKey'> {
  const aad = Buffer.from(associatedData, 'utf8');
  const dataKey = decrypt(keyring.get(sealed.masterKeyId).key, sealed.encryptedDataKey, aad);
  const { id, key } = keyring.current;
  try {
    return { masterKeyId: id, encryptedDataKey: encrypt(key, dataKey, aad) };
  } finally {
    dataKey.fill(0);
  }
}

export function open(keyring: Keyring, sealed: SealedValue, associatedData: string): string {
  return openBytes(keyring, sealed, associatedData).toString('utf8');
}
