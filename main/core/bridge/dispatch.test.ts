import { describe, expect, it, vi } from 'vitest';

import { BRIDGE_OPERATION_NAMES, type BridgeHandlers } from '../../../common/bridge';
import { ok } from '../../../common/result';
import { createBridgeDispatch } from './dispatch';

function fakeHandlers(): BridgeHandlers {
  const entries = BRIDGE_OPERATION_NAMES.map((name) => [
    name,
    vi.fn(async () => ok(null as never)),
  ]);
  return Object.fromEntries(entries) as BridgeHandlers;
}

function fakeLog() {
  return { warn: vi.fn(), error: vi.fn() };
}

const calls = (handlers: BridgeHandlers) =>
  Object.values(handlers).reduce((sum, fn) => sum + (fn as ReturnType<typeof vi.fn>).mock.calls.length, 0); // prettier-ignore

describe('bridge dispatch', () => {
  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses the unknown operation "%s" without calling anything',
    async (name) => {
      const handlers = fakeHandlers();
      const log = fakeLog();

      const result = await createBridgeDispatch(handlers, log)(name, {});

      expect(result).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Unknown operation.' },
      });
      expect(calls(handlers)).toBe(0);
      expect(log.warn).toHaveBeenCalledWith({ operation: name }, 'bridge.unknown_operation');
    },
  );

  it('refuses a payload that does not parse, naming fields but not echoing values', async () => {
    const handlers = fakeHandlers();
    const log = fakeLog();
    const dispatch = createBridgeDispatch(handlers, log);

    const result = await dispatch('login', {
      serverUrl: 'http://example.test',
      username: 'ann',
      password: '',
      extra: 'hunter2-secret',
    });

    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(result.ok ? null : result.error.code).toBe('invalid_input');
    expect(message).toMatch(/serverUrl/);
    expect(message).not.toContain('hunter2');
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('hunter2');
    expect(calls(handlers)).toBe(0);
  });

  it.each([null, undefined, 'text', 42, []])('refuses the payload %j', async (payload) => {
    const handlers = fakeHandlers();

    const result = await createBridgeDispatch(handlers, fakeLog())('sendMessage', payload);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls(handlers)).toBe(0);
  });

  it('turns a thrown handler into an internal error and logs only the error name', async () => {
    const handlers = fakeHandlers();
    handlers.getSnapshot = vi.fn(async () => {
      throw new TypeError('token abc leaked in message');
    });
    const log = fakeLog();

    const result = await createBridgeDispatch(handlers, log)('getSnapshot', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.error).toHaveBeenCalledWith(
      { operation: 'getSnapshot', errorName: 'TypeError' },
      'bridge.handler_failed',
    );
  });

  it('passes the parsed payload to exactly one handler', async () => {
    const handlers = fakeHandlers();
    const dispatch = createBridgeDispatch(handlers, fakeLog());

    const result = await dispatch('notifyTyping', { channelId: 'c-general' });

    expect(result).toEqual(ok(null));
    expect(handlers.notifyTyping).toHaveBeenCalledWith({ channelId: 'c-general' });
    expect(calls(handlers)).toBe(1);
  });
});
