import { describe, expect, it, vi } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import type { Message } from '../../../common/protocol';
import type { CacheApi } from '../cache';
import type { Logger } from '../log/logger';
import { createMemoryCursorStore } from '../sync/cursor-store';
import { applyServerEvent } from './apply-event';
import { createSessionView } from './view';

const message = (channelId: string): Message =>
  ({ id: 'm1', channelId, seq: 1, rev: 1, authorId: 'u2', body: 'hi' }) as unknown as Message;

function setup() {
  const view = createSessionView(null);
  view.applyReady({
    user: { id: 'u1', username: 'ann', displayName: 'Ann' },
    channels: [{ id: 'c1', name: 'general', topic: '', lastRev: 0 }],
    users: [],
    online: [],
  } as unknown as Parameters<typeof view.applyReady>[0]);
  const emitted: BridgeEvent[] = [];
  const applyMessages = vi.fn(() => ({ changed: [], stale: 0, unknownChannel: 0 }));
  const log = { warn: vi.fn(), info: vi.fn(), error: vi.fn(), debug: vi.fn() };
  const deps = {
    view,
    cursors: createMemoryCursorStore(),
    cache: { applyMessages } as unknown as CacheApi,
    emit: (event: BridgeEvent) => void emitted.push(event),
    selfId: 'u1',
    syncing: false,
    onMessage: vi.fn(),
    log: log as unknown as Logger,
  };
  return { deps, emitted, applyMessages, log };
}

describe('applyServerEvent', () => {
  it('drops and logs a message for a channel the user does not belong to', () => {
    const { deps, emitted, applyMessages, log } = setup();

    applyServerEvent({ name: 'message:new', data: message('elsewhere') }, deps);

    expect(emitted).toEqual([]);
    expect(applyMessages).not.toHaveBeenCalled();
    expect(deps.onMessage).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(
      { event: 'message:new' },
      'session.message_unknown_channel',
    );
  });

  it('forwards a message for one of the user’s channels', () => {
    const { deps, emitted } = setup();

    applyServerEvent({ name: 'message:new', data: message('c1') }, deps);

    expect(emitted).toMatchObject([{ type: 'message', message: { channelId: 'c1' } }]);
  });
});
