import { randomUUID } from 'node:crypto';

import type { AdminCommands, AdminUser } from '../admin/commands';
import type { Store } from '../store/store';
import { DEMO_ACCOUNTS, DEMO_CHANNELS } from './accounts';
import { demoBody } from './history';

const SEEDED_KEY = 'demo_seeded_at';
const GENERAL_MESSAGES = 320;
const OTHER_MESSAGES = 40;
const MINUTE = 60_000;

/** Seeds the demo users, channels and history once; returns false when already seeded. */
export async function seedDemo(store: Store, admin: AdminCommands): Promise<boolean> {
  if (store.getMeta(SEEDED_KEY) !== null) return false;

  const users: AdminUser[] = [];
  for (const account of DEMO_ACCOUNTS) {
    users.push(await admin.createUser({ ...account, role: 'member' }));
  }

  store.db.transaction(() => {
    for (const spec of DEMO_CHANNELS) {
      const channel = admin.createChannel({ ...spec });
      for (const user of users) admin.addMember({ channelId: channel.id, userId: user.id });

      const total = spec.name === 'general' ? GENERAL_MESSAGES : OTHER_MESSAGES;
      const start = Date.now() - total * 7 * MINUTE;
      for (let n = 0; n < total; n++) {
        store.messages.send({
          channelId: channel.id,
          authorId: users[(n * 5 + (n >> 2)) % users.length]!.id,
          clientId: randomUUID(),
          body: demoBody(n, total),
          createdAt: start + n * 7 * MINUTE + ((n * 37) % 300) * 1000,
        });
      }
    }
    store.setMeta(SEEDED_KEY, String(Date.now()));
  })();

  return true;
}
