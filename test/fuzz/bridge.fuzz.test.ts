/**
 * Fuzzes every bridge channel through the real IPC wrapper (main/electron/ipc.ts) and the real
 * validating dispatch (main/core/bridge/dispatch.ts), with a recording fake core behind them.
 * Deterministic: a fixed seed, a fixed number of calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BRIDGE_CHANNELS,
  BRIDGE_OPERATION_NAMES,
  bridgeInputs,
  type BridgeHandlers,
  type BridgeInput,
  type BridgeOperation,
} from '../../common/bridge';
import { ERROR_CODES, ok } from '../../common/result';
import { createBridgeDispatch } from '../../main/core/bridge/dispatch';
import { registerBridgeIpc } from '../../main/electron/ipc';
import {
  asWebContents,
  FakeIpcMain,
  FakeWebContents,
  FakeWebFrame,
} from '../../main/electron/test-support/fake-electron';

const SEED = 0x5eed_b41d;
const CALLS_PER_OPERATION = 300;
const silent = { info() {}, warn() {}, error() {} };
const UUID = '3b241101-e2bb-4255-8caf-4136c566a962';

/** One valid input per operation: the starting point for mutations and foreign-sender calls. */
const VALID: { [K in BridgeOperation]: BridgeInput<K> } = {
  login: { serverUrl: 'https://chat.example.com', username: 'alice', password: 'pw', remember: false }, // prettier-ignore
  logout: {},
  getSnapshot: {},
  getServerInfo: { serverUrl: 'https://chat.example.com' },
  loadMessages: { channelId: 'c1', beforeSeq: 10 },
  sendMessage: { channelId: 'c1', clientId: UUID, body: 'hello' },
  editMessage: { messageId: 'm1', body: 'edited' },
  deleteMessage: { messageId: 'm1' },
  notifyTyping: { channelId: 'c1' },
  reportActivity: {},
  searchMessages: { query: 'hello' },
  retrySend: { clientId: UUID },
  discardUnsent: { clientId: UUID },
  rotateCacheKey: {},
  setActiveChannel: { channelId: 'c1', windowFocused: true },
  setChannelNotifications: { channelId: 'c1', mode: 'mentions' },
  changePassword: { currentPassword: 'old', newPassword: 'new' },
  installUpdate: {},
};

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HUGE = 'A'.repeat(1_000_000);
const LONG_UNICODE = '𝔓\u202e\u0000é'.repeat(20_000);

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
}

function cyclic(): unknown {
  const value: Record<string, unknown> = { channelId: 'c1' };
  value.self = value;
  return value;
}

/** Values that arrive through structured clone, chosen to be wrong for any field. */
const ODD_VALUES: Array<() => unknown> = [
  () => null,
  () => undefined,
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => -1,
  () => -0,
  () => 2 ** 53 + 1,
  () => 1e308,
  () => 3.5,
  () => true,
  () => false,
  () => '',
  () => HUGE,
  () => LONG_UNICODE,
  () => '../../etc/passwd',
  () => 'javascript:alert(1)',
  () => [],
  () => [1, 'two', null],
  () => ({}),
  () => new Date(0),
  () => new Map([['a', 1]]),
  () => new Set([1]),
  () => new Uint8Array(16),
  () => 10n,
  () => nested(5_000, 'x', true),
  () => nested(5_000, 'x', false),
  () => cyclic(),
  () => JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
];

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)] as T;

/** A payload derived from the valid one by one hostile change, or an odd value outright. */
function malformed(rand: Rand, operation: BridgeOperation): unknown {
  const valid = VALID[operation] as Record<string, unknown>;
  const keys = Object.keys(valid);
  const odd = () => pick(rand, ODD_VALUES)();

  switch (Math.floor(rand() * 6)) {
    case 0:
      return odd();
    case 1:
      return { ...valid, [pick(rand, ['__proto__', 'constructor', 'prototype', 'extra'])]: odd() };
    case 2:
      return keys.length > 0 ? { ...valid, [pick(rand, keys)]: odd() } : [valid];
    case 3: {
      const copy = { ...valid };
      if (keys.length > 0) delete copy[pick(rand, keys)];
      else return JSON.parse(`{"__proto__": ${JSON.stringify(valid)}}`);
      return copy;
    }
    case 4:
      // A JSON-parsed `__proto__` is an own key: the shape a structured clone can also deliver.
      return JSON.parse(
        JSON.stringify(valid).replace(
          /^\{/,
          `{"__proto__": {"polluted": "yes"}${keys.length > 0 ? ',' : ''}`,
        ),
      );
    default:
      return [valid, odd()];
  }
}

function recordingCore() {
  const calls: Array<{ operation: BridgeOperation; input: unknown }> = [];
  const handlers = Object.fromEntries(
    BRIDGE_OPERATION_NAMES.map((operation) => [
      operation,
      async (input: unknown) => {
        calls.push({ operation, input });
        return ok(null);
      },
    ]),
  ) as unknown as BridgeHandlers;
  return { handlers, calls };
}

function shell() {
  const core = recordingCore();
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  registerBridgeIpc({
    ipcMain,
    dispatch: createBridgeDispatch(core.handlers, silent),
    getContents: () => asWebContents(contents),
    log: silent,
  });
  return { ...core, ipcMain, contents };
}

function expectTypedError(result: unknown, code: string) {
  expect(result).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  expect(ERROR_CODES).toContain(code);
}

const prototypeKeys = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
});

describe('bridge fuzz', () => {
  const before = prototypeKeys();
  const unexpected: unknown[] = [];
  const onUnexpected = (error: unknown) => unexpected.push(error);

  beforeAll(() => {
    process.on('uncaughtException', onUnexpected);
    process.on('unhandledRejection', onUnexpected);
  });
  afterAll(() => {
    process.off('uncaughtException', onUnexpected);
    process.off('unhandledRejection', onUnexpected);
  });

  it(`refuses ${CALLS_PER_OPERATION} malformed payloads on every channel with invalid_input, calling no handler`, async () => {
    const rand = prng(SEED);
    const { ipcMain, contents, calls } = shell();
    const from = { sender: contents, frame: contents.mainFrame };
    let total = 0;
    let acceptedByChance = 0;

    for (const operation of BRIDGE_OPERATION_NAMES) {
      for (let i = 0; i < CALLS_PER_OPERATION; i += 1) {
        const payload = malformed(rand, operation);
        // A mutation can land on a valid input by chance (e.g. `remember: true`): judged by the
        // contract's own schema, counted, and expected to reach the handler exactly once.
        const valid = bridgeInputs[operation].safeParse(payload).success;
        const callsBefore = calls.length;

        const result = await ipcMain.invoke(BRIDGE_CHANNELS[operation], from, payload);
        total += 1;

        if (valid) {
          acceptedByChance += 1;
          expect(result).toEqual(ok(null));
          expect(calls.length).toBe(callsBefore + 1);
        } else {
          expectTypedError(result, 'invalid_input');
          expect(calls.length).toBe(callsBefore);
        }
      }
    }

    expect(total).toBe(BRIDGE_OPERATION_NAMES.length * CALLS_PER_OPERATION);
    expect(acceptedByChance).toBeLessThan(total * 0.05);
    expect(calls.every(({ input }) => typeof input === 'object' && input !== null)).toBe(true);
  });

  it('refuses valid and malformed payloads alike from foreign senders, calling no handler', async () => {
    const rand = prng(SEED ^ 0xf0e1);
    const { ipcMain, contents, calls } = shell();
    const stranger = new FakeWebContents();
    const senders = [
      { sender: stranger, frame: stranger.mainFrame },
      { sender: contents, frame: new FakeWebFrame('app://parley/index.html', contents.mainFrame) },
      { sender: contents, frame: new FakeWebFrame('https://evil.example/') },
      { sender: contents, frame: null },
    ];

    for (const operation of BRIDGE_OPERATION_NAMES) {
      for (let i = 0; i < 50; i += 1) {
        const payload = i % 2 === 0 ? VALID[operation] : malformed(rand, operation);
        const result = await ipcMain.invoke(BRIDGE_CHANNELS[operation], pick(rand, senders), payload); // prettier-ignore
        expectTypedError(result, 'forbidden');
      }
    }

    expect(calls).toEqual([]);
  });

  it('every valid input still gets through, so the refusals above are not a broken pipe', async () => {
    const { ipcMain, contents, calls } = shell();
    const from = { sender: contents, frame: contents.mainFrame };

    for (const operation of BRIDGE_OPERATION_NAMES) {
      expect(await ipcMain.invoke(BRIDGE_CHANNELS[operation], from, VALID[operation])).toEqual(
        ok(null),
      );
    }

    expect(calls.map((call) => call.operation)).toEqual(BRIDGE_OPERATION_NAMES);
  });

  it('left Object.prototype, Array.prototype and Function.prototype untouched, and threw nothing', () => {
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unexpected).toEqual([]);
  });
});
