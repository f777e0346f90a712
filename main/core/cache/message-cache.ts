import type { Channel, Message, User } from '../../../common/protocol';
import { silentLoggers, type Logger } from '../log/logger';
import { openEncryptedConnection, type SqliteDatabase } from './connection';
import { CursorStore } from './cursor-store';
import { DirectoryStore } from './directory-store';
import { MessageStore } from './message-store';
import { migrate } from './migrations';
import { OutboxStore } from './outbox-store';
import { rekeyDatabase } from './rekey';
import { SearchStore } from './search-store';
import type {
  ApplyResult,
  MessagePage,
  NewOutboxEntry,
  OutboxEntry,
  PageOptions,
  SearchOptions,
  SearchResult,
} from './types';

export interface OpenCacheOptions {
  /** Path of the database file; created when missing. */
  file: string;
  /** 32 random bytes from the keychain. */
  key: Buffer;
  logger?: Logger;
}

/** The outbox part of the cache. */
export interface Outbox {
  enqueue(entry: NewOutboxEntry): boolean;
  list(): OutboxEntry[];
  markFailed(clientId: string, reason: string): boolean;
  /** A failed entry back to pending (retry). */
  requeue(clientId: string): boolean;
  remove(clientId: string): boolean;
}

/** One account's encrypted local cache. Synchronous, like better-sqlite3 underneath. */
export class MessageCache {
  readonly outbox: Outbox;

  private readonly directory: DirectoryStore;
  private readonly messages: MessageStore;
  private readonly cursors: CursorStore;
  private readonly outboxStore: OutboxStore;
  private readonly searchStore: SearchStore;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly log: Logger,
  ) {
    this.directory = new DirectoryStore(db);
    this.messages = new MessageStore(db);
    this.cursors = new CursorStore(db);
    this.outboxStore = new OutboxStore(db);
    this.searchStore = new SearchStore(db);
    this.outbox = this.outboxStore;
  }

  get file(): string {
    return this.db.name;
  }

  upsertChannels(channels: readonly Channel[]): void {
    this.directory.upsertChannels(channels);
  }

  listChannels(): Channel[] {
    return this.directory.listChannels();
  }

  upsertUsers(users: readonly User[]): void {
    this.directory.upsertUsers(users);
  }

  listUsers(): User[] {
    return this.directory.listUsers();
  }

  applyMessages(messages: readonly Message[]): ApplyResult {
    const result = this.messages.apply(messages);
    if (result.unknownChannel > 0) {
      this.log.warn({ skipped: result.unknownChannel }, 'cache.messages_unknown_channel');
    }
    return result;
  }

  latestPage(channelId: string, options: PageOptions): MessagePage {
    return this.messages.page(channelId, options);
  }

  getCursors(): Record<string, number> {
    return this.cursors.getCursors();
  }

  advanceCursor(channelId: string, rev: number): boolean {
    return this.cursors.advanceCursor(channelId, rev);
  }

  /** Puts salvaged entries back (used by openAccountCache after a quarantine). */
  restoreOutbox(entries: readonly OutboxEntry[]): number {
    return this.outboxStore.restore(entries);
  }

  search(query: string, options: SearchOptions): SearchResult[] {
    return this.searchStore.search(query, options);
  }

  /** Re-encrypts the file under a new key; throws unless the new key then opens it. */
  rekey(newKey: Buffer): void {
    rekeyDatabase(this.db, newKey);
    this.log.info('cache.rekeyed');
  }

  /** Full structural and page-level check; reads the whole file, so run it when idle. */
  checkIntegrity(): boolean {
    const result = this.db.pragma('quick_check', { simple: true });
    return result === 'ok';
  }

  /** Never throws: on a damaged file `optimize` may fail, and the file must still be let go. */
  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // Only a hint for the query planner; closing matters more.
    } finally {
      this.db.close();
    }
  }
}

/** What callers use of a cache: its public surface, so a wrapper can stand in for it. */
export type CacheApi = Pick<MessageCache, keyof MessageCache>;

/** Opens an account's cache file with its key and brings the schema up to date. */
export function openCacheDatabase(options: OpenCacheOptions): MessageCache {
  const log = options.logger ?? silentLoggers('cache');
  const db = openEncryptedConnection(options.file, options.key);

  try {
    const version = migrate(db);
    log.debug({ version }, 'cache.opened');
    return new MessageCache(db, log);
  } catch (error) {
    db.close();
    throw error;
  }
}
