import { describe, expect, it } from 'vitest';

import type { NotificationContent } from '../../../common/policy';
import type { Channel, Message, User } from '../../../common/protocol';
import {
  createNotificationCenter,
  type NotificationRequest,
  type NotificationTarget,
} from './center';

const me: User = { id: 'u-me', username: 'bob', displayName: 'Bob Baker' };
const alice: User = { id: 'u-alice', username: 'alice', displayName: 'Alice Archer' };
const general: Channel = { id: 'c-general', name: 'general', topic: '', lastRev: 0 };
const random: Channel = { id: 'c-random', name: 'random', topic: '', lastRev: 0 };

let nextSeq = 1;
function message(fields: Partial<Message> = {}): Message {
  const seq = nextSeq++;
  return {
    id: `m${seq}`,
    channelId: general.id,
    seq,
    rev: seq,
    authorId: alice.id,
    clientId: '00000000-0000-4000-8000-000000000000',
    body: 'Lunch at **noon**? See [the menu](https://example.com/menu)',
    createdAt: 1_700_000_000_000,
    editedAt: null,
    deleted: false,
    ...fields,
  };
}

function setup(options: { content?: NotificationContent; user?: User | null } = {}) {
  const shown: NotificationRequest[] = [];
  const clickers: Array<() => void> = [];
  const clicked: NotificationTarget[] = [];
  const unreadChanges: number[] = [];
  const users = new Map([me, alice].map((u) => [u.id, u]));
  const channels = new Map([general, random].map((c) => [c.id, c]));
  const policy = { notificationContent: options.content ?? 'full' };

  const center = createNotificationCenter({
    notifier: {
      show(request, onClick) {
        shown.push(request);
        clickers.push(onClick);
      },
    },
    policy: () => policy,
    currentUser: () => (options.user === undefined ? me : options.user),
    lookup: { channel: (id) => channels.get(id), user: (id) => users.get(id) },
    onClick: (target) => clicked.push(target),
    onUnreadChange: (total) => unreadChanges.push(total),
  });
  return { center, shown, clickers, clicked, unreadChanges, policy };
}

describe('notification text by policy', () => {
  it('full: the sender and channel as title, the plain message text as body', () => {
    const { center, shown } = setup({ content: 'full' });

    center.onMessage(message({ id: 'm-full' }));

    expect(shown).toEqual([
      {
        title: 'Alice Archer in #general',
        body: 'Lunch at noon? See the menu',
        silent: false,
        target: { channelId: 'c-general', messageId: 'm-full' },
      },
    ]);
  });

  it('full: a long message is cut to 200 characters with an ellipsis', () => {
    const { center, shown } = setup({ content: 'full' });

    center.onMessage(message({ body: 'x'.repeat(5_000) }));

    expect(shown[0]?.body).toBe(`${'x'.repeat(199)}…`);
  });

  it('sender_and_channel: "Parley" and who wrote where, nothing of the message', () => {
    const { center, shown } = setup({ content: 'sender_and_channel' });

    center.onMessage(message());

    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Parley', body: 'New message from Alice Archer in #general' },
    ]);
  });

  it('sender_only: "Parley" and who wrote, never the channel or any message text', () => {
    const { center, shown } = setup({ content: 'sender_only' });
    const secret = 'the merger closes on friday';

    center.onMessage(message({ body: secret }));

    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Parley', body: 'New message from Alice Archer' },
    ]);
    const text = shown.map(({ title, body }) => `${title} ${body}`).join(' ');
    expect(text).not.toContain('merger');
    expect(text).not.toContain('general');
  });

  it('reads the policy at each message, so a stricter server policy applies at once', () => {
    const { center, shown, policy } = setup({ content: 'full' });

    policy.notificationContent = 'sender_only';
    center.onMessage(message({ body: 'confidential' }));

    expect(shown[0]?.body).toBe('New message from Alice Archer');
  });

  it('falls back to the username, and strips bidi overrides and controls from names', () => {
    const { center, shown } = setup({ content: 'sender_and_channel' });
    const spoof: User = { id: 'u-alice', username: 'alice', displayName: '' };
    const users = new Map([[spoof.id, spoof]]);
    const named = createNotificationCenter({
      notifier: { show: (request) => shown.push(request) },
      policy: () => ({ notificationContent: 'sender_only' }),
      currentUser: () => me,
      lookup: { channel: () => general, user: (id) => users.get(id) },
      onClick: () => {},
    });

    named.onMessage(message());
    spoof.displayName = 'Ev\u202eknab\u0007e';
    named.onMessage(message());

    expect(shown.map((request) => request.body)).toEqual([
      'New message from alice',
      'New message from Ev knab e',
    ]);
    expect(center.unreadTotal()).toBe(0);
  });
});

describe('whether to notify', () => {
  it('never for our own messages, edits, deletions, or a message seen before', () => {
    const { center, shown } = setup();
    const once = message();

    center.onMessage(message({ authorId: me.id }));
    center.onMessage(message({ editedAt: 1_700_000_000_500 }));
    center.onMessage(message({ deleted: true, body: '' }));
    center.onMessage(once);
    center.onMessage(once);

    expect(shown.map((request) => request.target.messageId)).toEqual([once.id]);
  });

  it('never while signed out', () => {
    const { center, shown } = setup({ user: null });

    center.onMessage(message());

    expect(shown).toEqual([]);
  });

  it('not for the channel on screen while the window has focus; yes once focus is gone', () => {
    const { center, shown } = setup();

    center.setActiveChannel({ channelId: general.id, windowFocused: true });
    center.onMessage(message());
    center.onMessage(message({ channelId: random.id }));
    center.setActiveChannel({ channelId: general.id, windowFocused: false });
    center.onMessage(message());

    expect(shown.map((request) => request.target.channelId)).toEqual([random.id, general.id]);
  });

  it('a muted channel (mode none) never notifies', () => {
    const { center, shown } = setup();

    center.setMode(general.id, 'none');
    center.onMessage(message({ body: '@bob urgent' }));

    expect(shown).toEqual([]);
    expect(center.modes()).toEqual({ [general.id]: 'none' });
  });

  describe('in mentions mode', () => {
    it.each([
      '@bob can you look?',
      'ping @BOB',
      'thanks @Bob Baker!',
      '(@bob)',
      '@bob.',
      'cc: @bob, @alice',
    ])('notifies for %j', (body) => {
      const { center, shown } = setup();
      center.setMode(general.id, 'mentions');

      center.onMessage(message({ body }));

      expect(shown).toHaveLength(1);
    });

    it.each([
      'bob, without the at sign',
      '@bobby is someone else',
      'mail bob@bob.example',
      '@bob_2 is another user',
      'write to bob.baker@example.com',
      'no mention at all',
    ])('stays quiet for %j', (body) => {
      const { center, shown } = setup();
      center.setMode(general.id, 'mentions');

      center.onMessage(message({ body }));

      expect(shown).toEqual([]);
    });
  });
});

describe('unread badge and clicks', () => {
  it('counts notified messages, and clears a channel when it is viewed with focus', () => {
    const { center, unreadChanges } = setup();

    center.onMessage(message());
    center.onMessage(message());
    center.onMessage(message({ channelId: random.id }));
    center.setActiveChannel({ channelId: general.id, windowFocused: false });
    expect(center.unreadTotal()).toBe(3);

    center.setActiveChannel({ channelId: general.id, windowFocused: true });

    expect(center.unreadTotal()).toBe(1);
    expect(unreadChanges).toEqual([1, 2, 3, 1]);
  });

  it('muting a channel clears its unread; reset clears everything', () => {
    const { center } = setup();
    center.onMessage(message());
    center.onMessage(message({ channelId: random.id }));

    center.setMode(random.id, 'none');
    expect(center.unreadTotal()).toBe(1);
    center.reset();
    expect(center.unreadTotal()).toBe(0);
  });

  it('a click reports the message it was about', () => {
    const { center, clickers, clicked } = setup();

    center.onMessage(message({ id: 'm-click', channelId: random.id }));
    clickers[0]?.();

    expect(clicked).toEqual([{ channelId: random.id, messageId: 'm-click' }]);
  });

  it('stores modes without touching Object.prototype, even for a channel named __proto__', () => {
    const { center } = setup();

    center.setMode('__proto__', 'none');

    expect(Object.hasOwn(center.modes(), '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).none).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
