import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../testing/harness';
import { Store } from './store';

describe('message store', () => {
  let dir: string;
  let store: Store;
  let alice: string;
  let bob: string;
  let general: string;
  let random: string;

  beforeEach(async () => {
    dir = await makeTempDir();
    store = Store.open(dir);
    const user = (username: string) =>
      store.users.create({ username, displayName: username, role: 'member', passwordHash: 'x' }).id;
    alice = user('alice');
    bob = user('bob');
    general = store.channels.create({ name: 'general', topic: '' }).id;
    random = store.channels.create({ name: 'random', topic: '' }).id;
  });

  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  const send = (channelId: string, body: string, authorId = alice, clientId = randomUUID()) =>
    store.messages.send({ channelId, authorId, clientId, body });

  it('stores a resend with the same clientId once and returns the original', () => {
    const clientId = randomUUID();
    const first = send(general, 'hello', alice, clientId);
    const again = send(general, 'hello (retry)', alice, clientId);

    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.message).toEqual(first.message);
    expect(store.messages.history(general, 10).messages).toHaveLength(1);
  });

  it('treats the same clientId from another author as a different message', () => {
    const clientId = randomUUID();
    send(general, 'a', alice, clientId);

    expect(send(general, 'b', bob, clientId).created).toBe(true);
  });

  it('gives seq and rev from the channel counter, independently per channel', () => {
    const a = send(general, 'one').message;
    const b = send(general, 'two').message;
    const c = send(random, 'elsewhere').message;

    expect([a.seq, a.rev, b.seq, b.rev, c.seq]).toEqual([1, 1, 2, 2, 1]);
    expect(store.channels.byId(general)!.lastRev).toBe(2);
  });

  it('bumps rev on edit and delete, keeps seq, and empties a deleted body', () => {
    const original = send(general, 'typo').message;
    send(general, 'other');

    const edited = store.messages.edit(original.id, alice, 'fixed');
    expect(edited).toMatchObject({ seq: 1, rev: 3, body: 'fixed', deleted: false });
    expect(edited.editedAt).not.toBeNull();

    const { message: deleted } = store.messages.delete(original.id, alice);
    expect(deleted).toMatchObject({ seq: 1, rev: 4, body: '', deleted: true });
  });

  it('refuses edits and deletes by anyone but the author', () => {
    const message = send(general, 'mine').message;

    expect(() => store.messages.edit(message.id, bob, 'theirs')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => store.messages.delete(message.id, bob)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(store.messages.byId(message.id)).toEqual(message);
  });

  it('returns only new, edited and deleted messages after a cursor', () => {
    const old = send(general, 'old').message;
    const toEdit = send(general, 'edit me').message;
    const toDelete = send(general, 'delete me').message;
    const cursor = store.channels.byId(general)!.lastRev;

    store.messages.edit(toEdit.id, alice, 'edited');
    store.messages.delete(toDelete.id, alice);
    const fresh = send(general, 'new').message;

    const { changes, hasMore } = store.messages.changesSince(
      [{ channelId: general, rev: cursor }],
      100,
    );
    expect(changes.map((m) => m.id)).toEqual([toEdit.id, toDelete.id, fresh.id]);
    expect(changes.map((m) => m.id)).not.toContain(old.id);
    expect(changes.map((m) => m.rev)).toEqual([4, 5, 6]);
    expect(hasMore).toBe(false);
  });

  it('caps a sync batch and says more remain', () => {
    for (let i = 0; i < 5; i++) send(general, `g${i}`);
    for (let i = 0; i < 5; i++) send(random, `r${i}`);

    const first = store.messages.changesSince(
      [
        { channelId: general, rev: 0 },
        { channelId: random, rev: 0 },
      ],
      7,
    );
    expect(first.changes).toHaveLength(7);
    expect(first.hasMore).toBe(true);
    expect(first.changes.filter((m) => m.channelId === random).map((m) => m.rev)).toEqual([1, 2]);
  });

  it('pages history newest first, each page ascending, with hasMore', () => {
    for (let i = 1; i <= 25; i++) send(general, `m${i}`);

    const newest = store.messages.history(general, 10);
    expect(newest.messages.map((m) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest.hasMore).toBe(true);

    const older = store.messages.history(general, 10, 16);
    expect(older.messages[0]!.seq).toBe(6);
    expect(older.messages.at(-1)!.seq).toBe(15);

    const oldest = store.messages.history(general, 10, 6);
    expect(oldest.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.hasMore).toBe(false);
  });
});
