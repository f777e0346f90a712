/**
 * Child process for the crash test: writes messages and outbox entries until killed, and prints
 * `ack <clientId>` once each enqueue has returned. Usage: crash-writer.ts <file>, key (hex) in
 * PARLEY_TEST_CACHE_KEY. Test-only: the key is a throwaway made by the test.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';

import { openCacheDatabase } from '../message-cache';
import { channel, message } from './fixtures';

const [file] = process.argv.slice(2);
const keyHex = process.env.PARLEY_TEST_CACHE_KEY ?? '';
if (!file || keyHex.length !== 64) throw new Error('usage: crash-writer.ts <file>');

const cache = openCacheDatabase({ file, key: Buffer.from(keyHex, 'hex') });
cache.upsertChannels([channel('c1')]);
writeSync(1, 'ready\n');

for (let round = 0; ; round += 1) {
  const batch = Array.from({ length: 25 }, (_, i) => {
    const seq = round * 25 + i + 1;
    return message('c1', seq, `crash test message ${seq} ${'lorem ipsum '.repeat(10)}`);
  });
  cache.applyMessages(batch);

  const clientId = randomUUID();
  cache.outbox.enqueue({ clientId, channelId: 'c1', body: `unsent ${round}`, createdAt: round });
  writeSync(1, `ack ${clientId}\n`);
}
