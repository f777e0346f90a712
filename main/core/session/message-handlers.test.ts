import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from '../../../common/policy';
import { ok } from '../../../common/result';
import type { SessionController } from './controller';
import { ACTIVITY_INTERVAL_MS, createMessageHandlers, HISTORY_PAGE_SIZE } from './message-handlers';

function fakeSession(online = true) {
  const notified: unknown[] = [];
  const requested: [string, unknown][] = [];
  const session = {
    isOnline: () => online,
    active: () => null,
    notify: (event: string, payload: unknown) => notified.push([event, payload]),
    request: async (event: string, payload: unknown) => {
      requested.push([event, payload]);
      return ok({ messages: [], hasMore: false });
    },
  } as unknown as SessionController;
  return { session, notified, requested };
}

describe('message handlers', () => {
  it('sends typing at most once per channel per throttle window', async () => {
    let now = 0;
    const { session, notified } = fakeSession();
    const handlers = createMessageHandlers(session, { typingThrottleMs: 2_000, now: () => now });

    for (let i = 0; i < 10; i += 1) await handlers.notifyTyping({ channelId: 'a' });
    await handlers.notifyTyping({ channelId: 'b' });
    now = 2_500;
    await handlers.notifyTyping({ channelId: 'a' });

    expect(notified).toEqual([
      ['typing', { channelId: 'a' }],
      ['typing', { channelId: 'b' }],
      ['typing', { channelId: 'a' }],
    ]);
  });

  it('drops typing while offline without failing', async () => {
    const { session, notified } = fakeSession(false);
    const handlers = createMessageHandlers(session, { typingThrottleMs: 0 });

    expect(await handlers.notifyTyping({ channelId: 'a' })).toEqual(ok(null));
    expect(notified).toEqual([]);
  });

  it('tells the server about activity at most once a minute, and only online', async () => {
    let now = 0;
    const { session, notified } = fakeSession();
    const handlers = createMessageHandlers(session, { typingThrottleMs: 0, now: () => now });

    for (let i = 0; i < 5; i += 1) await handlers.reportActivity({});
    now = ACTIVITY_INTERVAL_MS;
    await handlers.reportActivity({});

    expect(notified).toEqual([
      ['activity', {}],
      ['activity', {}],
    ]);

    const offline = fakeSession(false);
    await createMessageHandlers(offline.session, { typingThrottleMs: 0 }).reportActivity({});
    expect(offline.notified).toEqual([]);
  });

  it('asks for history pages of 50, before a seq when given', async () => {
    const { session, requested } = fakeSession();
    const handlers = createMessageHandlers(session, { typingThrottleMs: 0 });

    await handlers.loadMessages({ channelId: 'a' });
    await handlers.loadMessages({ channelId: 'a', beforeSeq: 120 });

    expect(HISTORY_PAGE_SIZE).toBe(50);
    expect(requested).toEqual([
      ['history:page', { channelId: 'a', limit: 50 }],
      ['history:page', { channelId: 'a', limit: 50, beforeSeq: 120 }],
    ]);
  });
});

describe('allowEditDelete', () => {
  it('refuses edit and delete with policy_denied when policy forbids them, sending nothing', async () => {
    const { session, requested } = fakeSession();
    const policy = { current: () => ({ ...DEFAULT_POLICY, allowEditDelete: false }) };
    const handlers = createMessageHandlers(session, { typingThrottleMs: 0, policy });

    const edit = await handlers.editMessage({ messageId: 'm1', body: 'changed' });
    const remove = await handlers.deleteMessage({ messageId: 'm1' });

    expect(edit).toMatchObject({ ok: false, error: { code: 'policy_denied' } });
    expect(remove).toMatchObject({ ok: false, error: { code: 'policy_denied' } });
    expect(requested).toEqual([]);
  });

  it('reads the policy at each call: allowed again, the edit goes out', async () => {
    const { session, requested } = fakeSession();
    let allowEditDelete = false;
    const policy = { current: () => ({ ...DEFAULT_POLICY, allowEditDelete }) };
    const handlers = createMessageHandlers(session, { typingThrottleMs: 0, policy });

    await handlers.editMessage({ messageId: 'm1', body: 'changed' });
    allowEditDelete = true;
    await handlers.editMessage({ messageId: 'm1', body: 'changed' });

    expect(requested).toEqual([['message:edit', { messageId: 'm1', body: 'changed' }]]);
  });
});
