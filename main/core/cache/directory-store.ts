import type { Channel, User } from '../../../common/protocol';
import type { SqliteDatabase } from './connection';

interface ChannelRow {
  id: string;
  name: string;
  topic: string;
  last_rev: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
}

/** Channels and users: replaced wholesale by what the server last said about each. */
export class DirectoryStore {
  private readonly putChannel;
  private readonly allChannels;
  private readonly putUser;
  private readonly allUsers;

  constructor(private readonly db: SqliteDatabase) {
    this.putChannel = db.prepare(`
      INSERT INTO channels (id, name, topic, last_rev) VALUES (:id, :name, :topic, :lastRev)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, topic = excluded.topic, last_rev = excluded.last_rev`);
    this.allChannels = db.prepare<[], ChannelRow>(
      'SELECT id, name, topic, last_rev FROM channels ORDER BY name, id',
    );
    this.putUser = db.prepare(`
      INSERT INTO users (id, username, display_name) VALUES (:id, :username, :displayName)
      ON CONFLICT (id) DO UPDATE SET
        username = excluded.username, display_name = excluded.display_name`);
    this.allUsers = db.prepare<[], UserRow>(
      'SELECT id, username, display_name FROM users ORDER BY username, id',
    );
  }

  upsertChannels(channels: readonly Channel[]): void {
    this.db
      .transaction(() => {
        for (const { id, name, topic, lastRev } of channels) {
          this.putChannel.run({ id, name, topic, lastRev });
        }
      })
      .immediate();
  }

  listChannels(): Channel[] {
    return this.allChannels
      .all()
      .map((row) => ({ id: row.id, name: row.name, topic: row.topic, lastRev: row.last_rev }));
  }

  upsertUsers(users: readonly User[]): void {
    this.db
      .transaction(() => {
        for (const { id, username, displayName } of users) {
          this.putUser.run({ id, username, displayName });
        }
      })
      .immediate();
  }

  listUsers(): User[] {
    return this.allUsers
      .all()
      .map((row) => ({ id: row.id, username: row.username, displayName: row.display_name }));
  }
}
