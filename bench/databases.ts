import Database from 'better-sqlite3-multiple-ciphers';

import { silentLoggers } from '../main/core/log/logger';
import { applySettings } from '../main/core/cache/connection';
import { MessageCache, openCacheDatabase } from '../main/core/cache/message-cache';
import { migrate } from '../main/core/cache/migrations';

export function openEncrypted(file: string, key: Buffer): MessageCache {
  return openCacheDatabase({ file, key });
}

/** The same schema, settings and code path with no cipher: the baseline for the write ratio. */
export function openPlain(file: string): MessageCache {
  const db = new Database(file);
  applySettings(db);
  migrate(db);
  return new MessageCache(db, silentLoggers('bench'));
}
