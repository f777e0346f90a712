import { act } from '@testing-library/react';
import { vi } from 'vitest';

import type { BridgeEvent, BridgeEventListener, ParleyBridge } from '../../../common/bridge';
import { aliceSession, snapshot } from './fixtures';

/**
 * A stand-in for the preload's `window.parley`: every operation is a vi.fn with a sensible
 * default answer, and `emit` delivers an event batch the way main would.
 */
export function installFakeBridge() {
  const listeners = new Set<BridgeEventListener>();

  const bridge = {
    login: vi.fn<ParleyBridge['login']>(async () => ({ ok: true, value: aliceSession })),
    logout: vi.fn<ParleyBridge['logout']>(async () => ({ ok: true, value: null })),
    getSnapshot: vi.fn<ParleyBridge['getSnapshot']>(async () => ({ ok: true, value: snapshot() })),
    getServerInfo: vi.fn<ParleyBridge['getServerInfo']>(async () => ({
      ok: true,
      value: { name: 'Parley', forgotPasswordUrl: null },
    })),
    loadMessages: vi.fn<ParleyBridge['loadMessages']>(async () => ({
      ok: true,
      value: { messages: [], hasMore: false },
    })),
    sendMessage: vi.fn<ParleyBridge['sendMessage']>(async () => ({
      ok: false,
      error: { code: 'not_connected', message: 'not connected' },
    })),
    editMessage: vi.fn<ParleyBridge['editMessage']>(async () => ({
      ok: false,
      error: { code: 'not_found', message: 'no such message' },
    })),
    deleteMessage: vi.fn<ParleyBridge['deleteMessage']>(async () => ({
      ok: false,
      error: { code: 'not_found', message: 'no such message' },
    })),
    notifyTyping: vi.fn<ParleyBridge['notifyTyping']>(async () => ({ ok: true, value: null })),
    reportActivity: vi.fn<ParleyBridge['reportActivity']>(async () => ({ ok: true, value: null })),
    searchMessages: vi.fn<ParleyBridge['searchMessages']>(async () => ({ ok: true, value: [] })),
    retrySend: vi.fn<ParleyBridge['retrySend']>(async () => ({ ok: true, value: null })),
    discardUnsent: vi.fn<ParleyBridge['discardUnsent']>(async () => ({ ok: true, value: null })),
    rotateCacheKey: vi.fn<ParleyBridge['rotateCacheKey']>(async () => ({ ok: true, value: null })),
    setActiveChannel: vi.fn<ParleyBridge['setActiveChannel']>(async () => ({
      ok: true,
      value: null,
    })),
    setChannelNotifications: vi.fn<ParleyBridge['setChannelNotifications']>(async () => ({
      ok: true,
      value: null,
    })),
    changePassword: vi.fn<ParleyBridge['changePassword']>(async () => ({ ok: true, value: null })),
    installUpdate: vi.fn<ParleyBridge['installUpdate']>(async () => ({ ok: true, value: null })),
    onEvents: (listener: BridgeEventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } satisfies ParleyBridge;

  window.parley = bridge;

  return {
    bridge,
    emit(events: BridgeEvent[]) {
      act(() => {
        for (const listener of listeners) listener(events);
      });
    },
  };
}

/** A promise with its resolve function exposed, to hold a bridge call open. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
