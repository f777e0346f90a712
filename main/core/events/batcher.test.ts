import { describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import type { Message } from '../../../common/protocol';
import { createEventBatcher, type BatchTimer } from './batcher';

function manualTimer() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timer: BatchTimer = {
    set(callback) {
      pending.set(next, callback);
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const tick = () => {
    const callbacks = [...pending.values()];
    pending.clear();
    callbacks.forEach((callback) => callback());
  };
  return { timer, tick, pendingCount: () => pending.size };
}

function messageEvent(seq: number): BridgeEvent {
  const message = { id: `m${seq}`, channelId: 'c1', seq, rev: seq } as Message;
  return { type: 'message', message };
}

describe('event batcher', () => {
  it('turns a burst of 1,000 messages into a handful of batches, in order', () => {
    const batches: BridgeEvent[][] = [];
    const { timer, tick } = manualTimer();
    const batcher = createEventBatcher({ flush: (b) => batches.push(b), timer, maxBatch: 250 });

    for (let seq = 1; seq <= 1_000; seq += 1) batcher.push(messageEvent(seq));
    tick();

    expect(batches.length).toBeLessThanOrEqual(5);
    const seqs = batches.flat().map((e) => (e.type === 'message' ? e.message.seq : -1));
    expect(seqs).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
  });

  it('waits for the timer before flushing a small batch, then flushes once', () => {
    const batches: BridgeEvent[][] = [];
    const { timer, tick, pendingCount } = manualTimer();
    const batcher = createEventBatcher({ flush: (b) => batches.push(b), timer });

    batcher.push({ type: 'connection', state: 'online' });
    batcher.push(messageEvent(1));
    expect(batches).toHaveLength(0);
    expect(pendingCount()).toBe(1);

    tick();
    expect(batches).toEqual([[{ type: 'connection', state: 'online' }, messageEvent(1)]]);
  });

  it('coalesces repeated typing events for the same channel and user', () => {
    const batches: BridgeEvent[][] = [];
    const { timer, tick } = manualTimer();
    const batcher = createEventBatcher({ flush: (b) => batches.push(b), timer });

    for (let i = 0; i < 20; i += 1) {
      batcher.push({ type: 'typing', channelId: 'c1', userId: 'u1' });
      batcher.push({ type: 'typing', channelId: 'c1', userId: 'u2' });
    }
    tick();
    batcher.push({ type: 'typing', channelId: 'c1', userId: 'u1' });
    tick();

    expect(batches).toEqual([
      [
        { type: 'typing', channelId: 'c1', userId: 'u1' },
        { type: 'typing', channelId: 'c1', userId: 'u2' },
      ],
      [{ type: 'typing', channelId: 'c1', userId: 'u1' }],
    ]);
  });

  it('flushes what is queued on dispose and ignores later events', () => {
    const batches: BridgeEvent[][] = [];
    const { timer } = manualTimer();
    const batcher = createEventBatcher({ flush: (b) => batches.push(b), timer });

    batcher.push(messageEvent(1));
    batcher.dispose();
    batcher.push(messageEvent(2));

    expect(batches).toEqual([[messageEvent(1)]]);
  });

  it('keeps working when the listener throws', () => {
    const errors: unknown[] = [];
    const { timer, tick } = manualTimer();
    let calls = 0;
    const batcher = createEventBatcher({
      flush: () => {
        calls += 1;
        throw new Error('listener broke');
      },
      onFlushError: (error) => errors.push(error),
      timer,
    });

    batcher.push(messageEvent(1));
    tick();
    batcher.push(messageEvent(2));
    tick();

    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
