import { systemClock, type Clock } from '../clock';
import { ChannelStore } from './channels';
import { openDatabase, type Db } from './db';
import { MessageStore } from './messages';
import { SessionStore } from './sessions';
import { UserStore } from './users';

/** The server's whole persistent state, over one SQLite connection. */
export class Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly channels: ChannelStore;
  readonly messages: MessageStore;

  private constructor(
    readonly db: Db,
    now: Clock,
  ) {
    this.users = new UserStore(db, now);
    this.sessions = new SessionStore(db, now);
    this.channels = new ChannelStore(db);
    this.messages = new MessageStore(db, this.channels);
  }

  /** `now` stamps sessions and users, so tests can move time. */
  static open(dataDir: string, now: Clock = systemClock): Store {
    return new Store(openDatabase(dataDir), now);
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = ?')
      .run(key, value, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
