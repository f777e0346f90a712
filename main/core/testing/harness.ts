import { Writable } from 'node:stream';

import type { BridgeEvent } from '../../../common/bridge';
import { createParleyCore, type ParleyCore, type ParleyCoreOptions } from '../core';
import { createLoggerFactory } from '../log/logger';

/** Polls until `check` holds, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CoreHarness {
  core: ParleyCore;
  events: BridgeEvent[];
  batches: BridgeEvent[][];
  /** Every JSON log line the core wrote. */
  logs: string[];
  states(): string[];
}

/** A real core with fast reconnects, collecting its event batches and log lines. */
export function startCore(
  caPem: string[],
  overrides: Partial<ParleyCoreOptions> = {},
): CoreHarness {
  const events: BridgeEvent[] = [];
  const batches: BridgeEvent[][] = [];
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const core = createParleyCore({
    onEvents: (batch) => {
      batches.push(batch);
      events.push(...batch);
    },
    extraCaPem: caPem,
    logger: createLoggerFactory({ destination, level: 'debug' }),
    reconnect: { initialDelayMs: 50, maxDelayMs: 250, jitter: 0.5 },
    ackTimeoutMs: 1_000,
    requestTimeoutMs: 3_000,
    readyTimeoutMs: 3_000,
    ...overrides,
  });
  const states = () =>
    events.flatMap((event) => (event.type === 'connection' ? [event.state] : []));
  return { core, events, batches, logs, states };
}

export const ANN = { username: 'ann', password: 'correct horse battery', remember: false };
