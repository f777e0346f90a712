import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import type { OutboxEntry } from '../../../common/bridge';
import { err, ok, type Result } from '../../../common/result';
import type { Message } from '../../../common/protocol';
import { message, openTestCache } from '../cache/testing/fixtures';
import { silentLoggers } from '../log/logger';
import { createOutbox, type SendRequest } from './outbox';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

/** An outbox over a real encrypted cache, with a scripted server answer per send. */
function setup(answer: (request: SendRequest, n: number) => Result<Message>) {
  const test = openTestCache(['c1', 'c2']);
  cleanup = test.cleanup;
  const sent: SendRequest[] = [];
  const changes: OutboxEntry[][] = [];
  let online = true;
  const outbox = createOutbox({
    cache: test.cache,
    isOnline: () => online,
    send: async (request) => {
      sent.push(request);
      return answer(request, sent.length);
    },
    onChange: (entries) => changes.push(entries),
    onSent: () => undefined,
    log: silentLoggers('outbox'),
  });
  const setOnline = (value: boolean) => (online = value);
  return { outbox, cache: test.cache, sent, changes, setOnline };
}

const stored = (request: SendRequest, n: number) =>
  ok(message(request.channelId, n, request.body, { clientId: request.clientId }));
const request = (channelId = 'c1', body = 'hi') => ({ channelId, clientId: randomUUID(), body });

describe('outbox', () => {
  it('stores the message before sending, shows it as sending, and removes it once acknowledged', async () => {
    const { outbox, cache, changes } = setup(stored);
    const send = request();

    const receipt = await outbox.submit(send);

    expect(receipt).toMatchObject({
      ok: true,
      value: { state: 'sent', message: { clientId: send.clientId } },
    });
    expect(changes.map((c) => c.map((e) => e.state))).toEqual([['pending'], ['sending'], []]);
    expect(cache.outbox.list()).toEqual([]);
    expect(cache.latestPage('c1', { limit: 10 }).messages.map((m) => m.clientId)).toEqual([
      send.clientId,
    ]);
  });

  it('queues while offline and flushes oldest first, one at a time, on reconnect', async () => {
    const { outbox, sent, setOnline } = setup(stored);
    setOnline(false);
    const [a, b, c] = [request('c1', 'a'), request('c2', 'b'), request('c1', 'c')];
    for (const send of [a, b, c])
      expect(await outbox.submit(send)).toMatchObject({ ok: true, value: { state: 'queued' } });
    expect(sent).toEqual([]);

    setOnline(true);
    await outbox.flush();

    expect(sent.map((s) => s.body)).toEqual(['a', 'b', 'c']);
    expect(outbox.entries()).toEqual([]);
  });

  it('stops a flush at a lost acknowledgement, keeping that entry and the ones after it pending', async () => {
    const { outbox, sent, setOnline } = setup((r, n) =>
      n === 1 ? err('timeout', 'slow') : stored(r, n),
    );
    setOnline(false);
    const [a, b] = [request('c1', 'a'), request('c1', 'b')];
    await outbox.submit(a);
    await outbox.submit(b);
    setOnline(true);

    await outbox.flush();
    expect(outbox.entries().map((e) => [e.body, e.state])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
    await outbox.flush();

    expect(sent.map((s) => s.clientId)).toEqual([a.clientId, a.clientId, b.clientId]);
    expect(outbox.entries()).toEqual([]);
  });

  it('marks a permanently refused message failed with the reason; retry re-queues, discard removes', async () => {
    let refuse = true;
    const { outbox } = setup((r, n) => (refuse ? err('too_large', 'Too long.') : stored(r, n)));
    const [a, b] = [request(), request()];

    expect(await outbox.submit(a)).toEqual(err('too_large', 'Too long.'));
    await outbox.submit(b);
    expect(outbox.entries().map((e) => [e.state, e.error])).toEqual([
      ['failed', 'Too long.'],
      ['failed', 'Too long.'],
    ]);

    refuse = false;
    expect(outbox.retry(a.clientId)).toEqual(ok(null));
    await outbox.flush();
    expect(outbox.discard(b.clientId)).toEqual(ok(null));
    expect(outbox.entries()).toEqual([]);
    expect(outbox.discard(b.clientId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('sends nothing and applies no answer once stopped (the session ended)', async () => {
    const { outbox, sent, cache, setOnline } = setup(stored);
    setOnline(false);
    await outbox.submit(request());
    outbox.stop();
    setOnline(true);

    await outbox.flush();

    expect(sent).toEqual([]);
    expect(cache.outbox.list()).toHaveLength(1);
  });
});
