import { createHash } from 'node:crypto';

export interface MasterKey {
  /** Derived from the key itself, so rotating keys needs no extra configuration. */
  readonly id: string;
  readonly key: Buffer;
}

export class UnknownMasterKeyError extends Error {
  override name = 'UnknownMasterKeyError';
  constructor(id: string) {
    super(
      `The master key ${id} that sealed this value is not configured (SECRETS_PREVIOUS_MASTER_KEYS).`,
    );
  }
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function toMasterKey(key: Buffer): MasterKey {
  if (key.length !== 32) throw new RangeError('A master key is 32 bytes.');
  return { id: masterKeyId(key), key };
}

/** The current master key seals; it and every previous key open. */
export class Keyring {
  readonly current: MasterKey;
  private readonly byId: ReadonlyMap<string, MasterKey>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.current = toMasterKey(current);
    const keys = [this.current, ...previous.map(toMasterKey)];
    this.byId = new Map(keys.map((masterKey) => [masterKey.id, masterKey]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): MasterKey {
    const masterKey = this.byId.get(id);
    if (!masterKey) throw new UnknownMasterKeyError(id);
    return masterKey;
  }
}
