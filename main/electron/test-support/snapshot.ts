import type { Snapshot } from '../../../common/bridge';
import { DEFAULT_POLICY, type EffectivePolicy } from '../../../common/policy';
import type { Channel, User } from '../../../common/protocol';

export const me: User = { id: 'u-me', username: 'bob', displayName: 'Bob Baker' };
export const alice: User = { id: 'u-alice', username: 'alice', displayName: 'Alice Archer' };
export const general: Channel = { id: 'c-general', name: 'general', topic: '', lastRev: 0 };

export function testPolicy(overrides: Partial<EffectivePolicy> = {}): EffectivePolicy {
  return {
    ...DEFAULT_POLICY,
    update: { mode: 'off', channel: 'stable', feedUrl: null },
    notificationContent: 'full',
    ...overrides,
  };
}

/** A signed-in snapshot on https://chat.example.com, for the shell's tests. */
export function testSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    session: { serverUrl: 'https://chat.example.com', user: me },
    sessionEndReason: null,
    connection: 'online',
    channels: [general],
    users: [me, alice],
    online: [],
    defaultServerUrl: null,
    outbox: [],
    policy: testPolicy(),
    update: { state: 'disabled', version: null, message: null },
    notificationModes: {},
    ...overrides,
  };
}
