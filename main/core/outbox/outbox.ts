import type { OutboxEntry, SendReceipt } from '../../../common/bridge';
import type { Message } from '../../../common/protocol';
import { err, ok, type AppError, type ErrorCode, type Result } from '../../../common/result';
import type { CacheApi } from '../cache';
import type { Logger } from '../log/logger';

export interface SendRequest {
  channelId: string;
  clientId: string;
  body: string;
}

export interface OutboxDeps {
  /** The signed-in account's cache: the outbox lives in it, so it survives restarts. */
  cache: CacheApi;
  /** `message:send` on this account's connection; not_connected when there is none. */
  send(request: SendRequest): Promise<Result<Message>>;
  isOnline(): boolean;
  /** The whole outbox, whenever it changes. */
  onChange(entries: OutboxEntry[]): void;
  /** The server stored the message (it is already in the cache). */
  onSent(message: Message): void;
  log: Logger;
  now?: () => number;
}

export interface Outbox {
  entries(): OutboxEntry[];
  /** Stores the message durably first, then tries to deliver it (after any older entries). */
  submit(request: SendRequest): Promise<Result<SendReceipt>>;
  /** Delivers every pending entry, oldest first, one at a time; stops at the first that cannot go. */
  flush(): Promise<void>;
  retry(clientId: string): Result<null>;
  discard(clientId: string): Result<null>;
  /** The session ended: nothing more is sent and no answer is applied. */
  stop(): void;
}

/** Errors that no resend can fix: the entry waits for the user (retry or discard). */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'forbidden',
  'too_large',
  'invalid_input',
  'not_found',
  'policy_denied',
]);

type Delivery = { done: true; message: Message } | { done: false; error: AppError };

/**
 * The outbox of one signed-in account. Every send goes through it, so a message is on disk
 * before anything is sent and is delivered exactly once: the server stores a clientId once, so
 * a resend after a lost acknowledgement is harmless. Deliveries run one at a time, in order.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { cache, log } = deps;
  const now = deps.now ?? Date.now;
  const sending = new Set<string>();
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();

  const entries = (): OutboxEntry[] =>
    cache.outbox.list().map((entry) => ({
      clientId: entry.clientId,
      channelId: entry.channelId,
      body: entry.body,
      createdAt: entry.createdAt,
      state: sending.has(entry.clientId) ? 'sending' : entry.state,
      error: entry.lastError,
    }));
  const changed = () => !stopped && deps.onChange(entries());

  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  }

  async function deliver(entry: SendRequest): Promise<Delivery> {
    sending.add(entry.clientId);
    changed();
    const answer = await deps.send(entry);
    sending.delete(entry.clientId);
    if (stopped) return { done: false, error: { code: 'not_connected', message: 'Signed out.' } };
    if (answer.ok) {
      cache.outbox.remove(entry.clientId);
      cache.applyMessages([answer.value]);
      changed();
      deps.onSent(answer.value);
      return { done: true, message: answer.value };
    }
    if (PERMANENT.has(answer.error.code))
      cache.outbox.markFailed(entry.clientId, answer.error.message);
    log.info({ clientId: entry.clientId, errorCode: answer.error.code }, 'outbox.not_delivered');
    changed();
    return { done: false, error: answer.error };
  }

  /** Pending entries oldest first, up to `target` (or all); stops where the network does. */
  async function deliverUpTo(target: string | null): Promise<Delivery | null> {
    for (const entry of cache.outbox.list()) {
      if (stopped || !deps.isOnline()) return null;
      if (entry.state !== 'pending') continue;
      const result = await deliver(entry);
      if (entry.clientId === target) return result;
      if (!result.done && !PERMANENT.has(result.error.code)) return null;
    }
    return null;
  }

  /** Never rejects: it runs from timers and events with nobody to hand an error to. */
  const flush = () =>
    serially(() => deliverUpTo(null)).then(
      () => undefined,
      (error: unknown) => log.error({ errorName: (error as Error)?.name }, 'outbox.flush_failed'),
    );

  return {
    entries,
    async submit(request) {
      if (stopped) return err('not_connected', 'Sign in to send messages.');
      cache.outbox.enqueue({ ...request, createdAt: now() }); // durable from here on
      changed();
      const queued: Result<SendReceipt> = ok({ clientId: request.clientId, state: 'queued' });
      if (!deps.isOnline()) return queued;

      const result = await serially(() => deliverUpTo(request.clientId));
      if (result?.done)
        return ok({ clientId: request.clientId, state: 'sent', message: result.message });
      if (result && !result.done && PERMANENT.has(result.error.code)) {
        return err(result.error.code, result.error.message);
      }
      return queued;
    },
    flush,
    retry(clientId) {
      const entry = cache.outbox.list().find((e) => e.clientId === clientId);
      if (!entry) return err('not_found', 'That message is no longer waiting to be sent.');
      if (entry.state === 'failed') cache.outbox.requeue(clientId);
      changed();
      if (deps.isOnline()) void flush();
      return ok(null);
    },
    discard(clientId) {
      if (sending.has(clientId))
        return err('invalid_input', 'That message is being sent right now.');
      if (!cache.outbox.remove(clientId))
        return err('not_found', 'That message is no longer waiting to be sent.');
      changed();
      return ok(null);
    },
    stop() {
      stopped = true;
    },
  };
}
