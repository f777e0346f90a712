import { beforeEach, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import {
  alice,
  aliceSession,
  bob,
  general,
  message,
  outboxEntry,
  random,
  snapshot,
} from '../test/fixtures';
import { applyEvents, applySnapshot, reduceEvents, TYPING_HINT_MS } from './apply-events';
import { initialData } from './initial';
import { resetStore, useStore } from './store';

const msg = (m: Parameters<typeof message>[0]): BridgeEvent => ({
  type: 'message',
  message: message(m),
});

function state() {
  return useStore.getState();
}

beforeEach(() => {
  resetStore();
  applySnapshot(snapshot());
});

describe('messages', () => {
  it('keeps each channel sorted by seq whatever order messages arrive in', () => {
    applyEvents([msg({ seq: 3 }), msg({ seq: 1 }), msg({ seq: 2 })]);

    expect(state().messages[general.id]?.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('replaces a message by id when an edit arrives, keeping one entry', () => {
    applyEvents([msg({ seq: 1, body: 'first' })]);
    applyEvents([msg({ seq: 1, rev: 5, body: 'changed', editedAt: 2 })]);

    const list = state().messages[general.id];
    expect(list).toHaveLength(1);
    expect(list?.[0]).toMatchObject({ body: 'changed', editedAt: 2 });
  });

  it('ignores a late copy older than the one held, so an edit is never undone', () => {
    applyEvents([msg({ seq: 1, rev: 5, body: 'edited' })]);
    applyEvents([msg({ seq: 1, rev: 1, body: 'original' })]);

    expect(state().messages[general.id]?.[0]?.body).toBe('edited');
  });

  it('marks a deleted message deleted with an empty body', () => {
    applyEvents([msg({ seq: 1 })]);
    applyEvents([msg({ seq: 1, rev: 2, body: '', deleted: true })]);

    expect(state().messages[general.id]?.[0]).toMatchObject({ deleted: true, body: '' });
  });

  it('applies a whole batch in a single store update', () => {
    let updates = 0;
    const unsubscribe = useStore.subscribe(() => (updates += 1));

    applyEvents([
      msg({ seq: 1 }),
      msg({ seq: 2 }),
      { type: 'typing', channelId: general.id, userId: bob.id },
    ]);
    unsubscribe();

    expect(updates).toBe(1);
    expect(state().messages[general.id]).toHaveLength(2);
  });
});

describe('unread counts', () => {
  it('counts new messages from others in channels that are not open', () => {
    applyEvents([msg({ channelId: random.id, seq: 1 }), msg({ channelId: random.id, seq: 2 })]);

    expect(state().currentChannelId).toBe(general.id);
    expect(state().unread[random.id]).toBe(2);
  });

  it('does not count the open channel, own messages, edits, deletes or repeats', () => {
    applyEvents([
      msg({ channelId: general.id, seq: 1 }),
      msg({ channelId: random.id, seq: 2, authorId: alice.id }),
      msg({ channelId: random.id, seq: 3 }),
      msg({ channelId: random.id, seq: 3 }),
      msg({ channelId: random.id, seq: 3, rev: 4, body: 'edit', editedAt: 1 }),
      msg({ channelId: random.id, seq: 5, rev: 6, deleted: true, body: '' }),
    ]);

    expect(state().unread[general.id] ?? 0).toBe(0);
    expect(state().unread[random.id]).toBe(1);
  });

  it('clears when the channel is opened', () => {
    applyEvents([msg({ channelId: random.id, seq: 1 })]);
    state().selectChannel(random.id);

    expect(state().unread[random.id]).toBe(0);
  });
});

describe('pending sends', () => {
  const pendingSend = (clientId: string) => ({
    clientId,
    channelId: general.id,
    body: 'hi',
    createdAt: 1,
    status: 'sending' as const,
    error: null,
  });

  it('settle when the message event with the same clientId arrives', () => {
    const sent = message({ authorId: alice.id });
    state().addPending(pendingSend(sent.clientId));

    applyEvents([{ type: 'message', message: sent }]);

    expect(state().pending).toEqual({});
    expect(state().messages[general.id]).toEqual([sent]);
  });

  it('settle when the send is acknowledged, and the later event adds no duplicate', () => {
    const sent = message({ authorId: alice.id });
    state().addPending(pendingSend(sent.clientId));

    state().upsertMessage(sent);
    applyEvents([{ type: 'message', message: sent }]);

    expect(state().pending).toEqual({});
    expect(state().messages[general.id]).toHaveLength(1);
  });
});

describe('outbox', () => {
  const localSend = (clientId: string) => ({
    clientId,
    channelId: general.id,
    body: 'hi',
    createdAt: 1,
    status: 'sending' as const,
    error: null,
  });

  it('takes the whole outbox from each event and drops local rows main now lists', () => {
    const listed = outboxEntry();
    const notYet = outboxEntry();
    state().addPending(localSend(listed.clientId));
    state().addPending(localSend(notYet.clientId));

    applyEvents([{ type: 'outbox', entries: [listed] }]);

    expect(state().outbox).toEqual([listed]);
    expect(Object.keys(state().pending)).toEqual([notYet.clientId]);
  });

  it('ignores a stale entry whose message already arrived, even in the same batch', () => {
    const entry = outboxEntry();
    const sent = message({ authorId: alice.id, clientId: entry.clientId });

    applyEvents([
      { type: 'message', message: sent },
      { type: 'outbox', entries: [entry] },
    ]);

    expect(state().outbox).toEqual([]);
  });

  it('drops the entry when its message arrives', () => {
    const entry = outboxEntry();
    applyEvents([{ type: 'outbox', entries: [entry] }]);

    applyEvents([msg({ authorId: alice.id, clientId: entry.clientId })]);

    expect(state().outbox).toEqual([]);
  });
});

describe('policy, updates, notices and focus requests', () => {
  it('keeps the newest policy and update state', () => {
    const update = { state: 'ready' as const, version: '2.0.0', message: null };
    applyEvents([
      { type: 'policy', policy: { ...state().policy, allowEditDelete: false } },
      { type: 'update', update },
    ]);

    expect(state().policy.allowEditDelete).toBe(false);
    expect(state().update).toEqual(update);
  });

  it('adds each notice once', () => {
    const notice = { type: 'notice' as const, level: 'info' as const, text: 'Cache rebuilt.' };
    applyEvents([notice, notice]);

    expect(state().notices.map((held) => held.text)).toEqual(['Cache rebuilt.']);
  });

  it('opens the channel of a focus request and clears its unread count', () => {
    applyEvents([msg({ channelId: random.id })]);

    applyEvents([{ type: 'focusMessage', channelId: random.id, messageId: 'm-x' }]);

    expect(state().currentChannelId).toBe(random.id);
    expect(state().unread[random.id]).toBe(0);
  });
});

describe('session, presence and typing', () => {
  it('drops account data and keeps the reason when the session ends', () => {
    applyEvents([msg({ seq: 1 })]);
    applyEvents([{ type: 'session', session: null, reason: 'Revoked by an administrator.' }]);

    expect(state()).toMatchObject({
      session: null,
      sessionEndReason: 'Revoked by an administrator.',
      channels: [],
      messages: {},
      defaultServerUrl: aliceSession.serverUrl,
    });
  });

  it('tracks presence and connection state', () => {
    applyEvents([
      { type: 'presence', userId: bob.id, online: true },
      { type: 'connection', state: 'reconnecting' },
    ]);

    expect(state().online[bob.id]).toBe(true);
    expect(state().connection).toBe('reconnecting');
  });

  it('records others typing, ignores the user, and clears on their next message', () => {
    const now = 1_000;
    const typed = reduceEvents(
      state(),
      [
        { type: 'typing', channelId: general.id, userId: bob.id },
        { type: 'typing', channelId: general.id, userId: alice.id },
      ],
      now,
    );
    expect(typed.typing[general.id]).toEqual({ [bob.id]: now + TYPING_HINT_MS });

    const after = reduceEvents(typed, [msg({ authorId: bob.id })], now + 10);
    expect(after.typing[general.id]).toEqual({});
  });

  it('opens the first channel when the directory arrives', () => {
    const next = reduceEvents(
      { ...initialData(), session: aliceSession },
      [{ type: 'ready', channels: [random, general], users: [alice, bob], online: [] }],
      0,
    );

    expect(next.currentChannelId).toBe(random.id);
    expect(next.users[bob.id]).toEqual(bob);
  });
});
