import { describe, expect, it, vi } from 'vitest';

import type { BridgeEvent, BridgeHandlers } from '../../common/bridge';
import { ok } from '../../common/result';
import {
  adaptCoreForNotifications,
  type CoreWithoutNotifications,
} from './core-notifications-adapter';
import type { ShellCoreOptions } from './core-port';
import { testSnapshot } from './test-support/snapshot';

const silent = { warn() {}, error() {} };

function adapted() {
  const notifications = {
    onMessage: vi.fn(),
    setActiveChannel: vi.fn(),
    setMode: vi.fn(),
    modes: vi.fn(() => ({ c1: 'mentions' as const })),
  };
  const passed: Array<Omit<ShellCoreOptions, 'notifications'>> = [];
  const handlers = { getSnapshot: async () => ok(testSnapshot()) } as unknown as BridgeHandlers;
  const inner: CoreWithoutNotifications = {
    handlers,
    snapshot: () => testSnapshot(),
    dispose: vi.fn(),
  };
  const received: BridgeEvent[][] = [];
  const core = adaptCoreForNotifications((options) => {
    passed.push(options);
    return inner;
  }, silent)({ onEvents: (batch) => received.push(batch), notifications });
  return { core, notifications, passed, received };
}

describe('notifications adapter (until the core takes the option)', () => {
  it('feeds message events to the center and still forwards every batch', () => {
    const { notifications, passed, received } = adapted();
    const message = { id: 'm1' } as never;

    passed[0]?.onEvents([
      { type: 'message', message },
      { type: 'connection', state: 'online' },
    ]);

    expect(notifications.onMessage).toHaveBeenCalledExactlyOnceWith(message);
    expect(received).toHaveLength(1);
    expect(passed[0]).not.toHaveProperty('notifications');
  });

  it('answers the two bridge operations through the validating dispatch', async () => {
    const { core, notifications } = adapted();

    expect(await core.dispatch('setActiveChannel', { channelId: 'c1', windowFocused: true })).toEqual(ok(null)); // prettier-ignore
    expect(await core.dispatch('setChannelNotifications', { channelId: 'c1', mode: 'none' })).toEqual(ok(null)); // prettier-ignore
    const refused = await core.dispatch('setChannelNotifications', {
      channelId: 'c1',
      mode: 'loud',
    });

    expect(notifications.setActiveChannel).toHaveBeenCalledExactlyOnceWith({ channelId: 'c1', windowFocused: true }); // prettier-ignore
    expect(notifications.setMode).toHaveBeenCalledExactlyOnceWith('c1', 'none');
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('puts the center’s modes into every snapshot', async () => {
    const { core } = adapted();

    expect(core.snapshot().notificationModes).toEqual({ c1: 'mentions' });
    expect(await core.dispatch('getSnapshot', {})).toMatchObject({
      ok: true,
      value: { notificationModes: { c1: 'mentions' } },
    });
  });
});
