import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Channel, Message } from '../../../../common/protocol';
import { openCacheDatabase, type MessageCache } from '../message-cache';

/** A fresh folder under the OS temp dir, and a way to remove it. */
export function tempDir(prefix = 'parley-cache-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newKey(): Buffer {
  return randomBytes(32);
}

export function channel(id: string, overrides: Partial<Channel> = {}): Channel {
  return { id, name: `name-${id}`, topic: '', lastRev: 0, ...overrides };
}

/** A message as the server would send it on creation (rev = seq). */
export function message(
  channelId: string,
  seq: number,
  body: string,
  overrides: Partial<Message> = {},
): Message {
  return {
    id: `${channelId}-m${seq}`,
    channelId,
    seq,
    rev: seq,
    authorId: 'u1',
    clientId: randomUUID(),
    body,
    createdAt: 1_700_000_000_000 + seq * 1000,
    editedAt: null,
    deleted: false,
    ...overrides,
  };
}

/** A cache in a temp folder, with the channels given already stored. */
export function openTestCache(channelIds: string[] = ['c1']): {
  cache: MessageCache;
  file: string;
  key: Buffer;
  cleanup: () => void;
} {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'cache.db');
  const key = newKey();
  const cache = openCacheDatabase({ file, key });
  cache.upsertChannels(channelIds.map((id) => channel(id)));

  return {
    cache,
    file,
    key,
    cleanup: () => {
      cache.close();
      cleanup();
    },
  };
}
