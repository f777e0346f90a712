import { createHmac, pbkdf2Sync } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** SQLCipher 4 defaults, which is what we write. */
export const PAGE_SIZE = 4096;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const RESERVE_BYTES = IV_BYTES + HMAC_BYTES;
const HMAC_SALT_MASK = 0x3a;
const HMAC_KDF_ITERATIONS = 2;

function readPage(fd: number, pageNumber: number): Buffer | null {
  const page = Buffer.alloc(PAGE_SIZE);
  const read = readSync(fd, page, 0, PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
  return read === PAGE_SIZE ? page : null;
}

function pageMacMatches(page: Buffer, pageNumber: number, hmacKey: Buffer): boolean {
  const start = pageNumber === 1 ? SALT_BYTES : 0;
  const macAt = PAGE_SIZE - RESERVE_BYTES + IV_BYTES;
  const pageNumberLe = Buffer.alloc(4);
  pageNumberLe.writeUInt32LE(pageNumber);

  const mac = createHmac('sha512', hmacKey)
    .update(page.subarray(start, macAt))
    .update(pageNumberLe)
    .digest();
  return mac.equals(page.subarray(macAt, macAt + HMAC_BYTES));
}

/**
 * Tells a wrong key from a damaged file when SQLCipher refuses page 1. Each SQLCipher 4 page
 * carries an HMAC-SHA512 under a key derived from the raw key and the file's salt; if our key
 * authenticates any of the first few pages, the key is right and the file is what is broken.
 * Only HMACs are computed here: nothing is decrypted and the key never leaves this function.
 */
export function keyAuthenticatesAnyPage(file: string, key: Buffer, pagesToTry = 4): boolean {
  const fd = openSync(file, 'r');
  try {
    const first = readPage(fd, 1);
    if (first === null) return false;

    const salt = first.subarray(0, SALT_BYTES).map((byte) => byte ^ HMAC_SALT_MASK);
    const hmacKey = pbkdf2Sync(key, salt, HMAC_KDF_ITERATIONS, key.length, 'sha512');

    for (let pageNumber = 1; pageNumber <= pagesToTry; pageNumber += 1) {
      const page = pageNumber === 1 ? first : readPage(fd, pageNumber);
      if (page === null) return false;
      if (pageMacMatches(page, pageNumber, hmacKey)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}
