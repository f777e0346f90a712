import type { OutboxEntry, SessionInfo, Snapshot } from '../../../common/bridge';
import { DEFAULT_POLICY, type EffectivePolicy } from '../../../common/policy';
import type { Channel, Message, User } from '../../../common/protocol';

export const alice: User = { id: 'u-alice', username: 'alice', displayName: 'Alice' };
export const bob: User = { id: 'u-bob', username: 'bob', displayName: 'Bob' };

export const general: Channel = {
  id: 'c-general',
  name: 'general',
  topic: 'Everything',
  lastRev: 0,
};
export const random: Channel = { id: 'c-random', name: 'random', topic: '', lastRev: 0 };

export const aliceSession: SessionInfo = { serverUrl: 'https://chat.test', user: alice };

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    session: aliceSession,
    sessionEndReason: null,
    connection: 'online',
    channels: [general, random],
    users: [alice, bob],
    online: [alice.id],
    defaultServerUrl: 'https://chat.test',
    outbox: [],
    policy: policy(),
    update: { state: 'idle', version: null, message: null },
    notificationModes: {},
    ...overrides,
  };
}

/** Main's defaults, as a snapshot carries them. */
export function policy(overrides: Partial<EffectivePolicy> = {}): EffectivePolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

/** An entry of main's outbox in #general. */
export function outboxEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  counter += 1;
  return {
    clientId: `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    channelId: general.id,
    body: `unsent ${counter}`,
    createdAt: 1_800_000_000_000 + counter * 1_000,
    state: 'pending',
    error: null,
    ...overrides,
  };
}

let counter = 0;

/** A message as the server would store it; `seq` defaults to a fresh, increasing number. */
export function message(overrides: Partial<Message> = {}): Message {
  counter += 1;
  const seq = overrides.seq ?? counter;
  return {
    id: `m-${seq}`,
    channelId: general.id,
    seq,
    rev: seq,
    authorId: bob.id,
    clientId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    body: `message ${seq}`,
    createdAt: 1_700_000_000_000 + seq * 1_000,
    editedAt: null,
    deleted: false,
    ...overrides,
  };
}
