import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../common/bridge';
import { DEFAULT_POLICY } from '../../main/core/policy/defaults';
import { fixedPolicy } from '../../main/core/session/ports';
import { waitFor } from '../../main/core/testing/harness';
import { ANN, OfflineWorld, signIn } from './support';

/** Remember me, keychain trouble and a cache that cannot be read, with the real server. */
let world: OfflineWorld;

beforeEach(async () => {
  world = new OfflineWorld();
  await world.seed();
});

afterEach(() => world.close());

const tokenEntries = () =>
  [...world.keychain.entries.keys()].filter((k) => k.includes('session-token'));
const notices = (events: BridgeEvent[]) => events.flatMap((e) => (e.type === 'notice' ? [e] : []));

describe('account storage', () => {
  it('remember off keeps the token in memory only and names no account to restore', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, false);

    expect(tokenEntries()).toEqual([]);
    expect(readFileSync(path.join(world.annDir, 'accounts.json'), 'utf8')).toContain(
      '"last": null',
    );
    await world.dispose(ann);
    expect((await world.core(world.annDir)).core.snapshot().session).toBeNull();
  });

  it('policy that forbids remembering wins over the checkbox', async () => {
    const policy = fixedPolicy({ ...DEFAULT_POLICY, allowRememberLogin: false });
    const ann = await world.core(world.annDir, { policy });
    await signIn(ann, world.url, ANN, true);

    expect(tokenEntries()).toEqual([]);
  });

  it('logout deletes the remembered token but keeps the cache and its key', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, true);
    expect(tokenEntries()).toHaveLength(1);

    await ann.core.handlers.logout({});

    expect(tokenEntries()).toEqual([]);
    expect([...world.keychain.entries.keys()].some((k) => k.includes('cache-key'))).toBe(true);
    expect(readdirSync(path.join(world.annDir, 'cache')).some((f) => f.endsWith('.db'))).toBe(true);
    expect(world.audit.map((a) => a.event)).toEqual(['login.succeeded', 'logout']);
    expect(JSON.stringify(world.audit)).not.toContain(ANN.password);
  });

  it('without a keychain: signs in for this run, warns, and leaves no cache behind', async () => {
    world.keychain
      .fail('getPassword', new Error('no secret service'))
      .fail('setPassword', new Error('no secret service'));
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, true);

    await waitFor(() => notices(ann.events).length > 0, 2_000, 'notice');
    expect(notices(ann.events)[0]).toMatchObject({
      level: 'warning',
      text: expect.stringMatching(/keychain/),
    });
    expect(existsSync(path.join(world.annDir, 'cache'))).toBe(false);
    await ann.core.handlers.logout({});
    expect(readdirSync(path.join(world.annDir, 'session-only'))).toEqual([]);
  });

  it('a cache the stored key cannot open is set aside, audited and rebuilt, with a notice', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, false);
    await ann.core.handlers.logout({});
    const keyName = [...world.keychain.entries.keys()].find((k) => k.includes('cache-key'))!;
    world.keychain.entries.set(keyName, Buffer.alloc(32, 7).toString('base64'));

    await signIn(ann, world.url, ANN, false);

    await waitFor(() => notices(ann.events).length > 0, 2_000, 'notice');
    expect(world.audit.find((a) => a.event === 'cache.quarantined')?.fields).toMatchObject({
      reason: 'wrong_key',
    });
    expect(readdirSync(path.join(world.annDir, 'cache', 'quarantine'))).toHaveLength(1);
  });

  it('a remembered session the server has revoked meanwhile ends at start-up and is forgotten', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, true);
    await world.dispose(ann);
    world.server!.admin.revokeUser('ann', 'laptop lost');

    const again = await world.core(world.annDir);
    expect(again.core.snapshot().session?.user.username).toBe('ann');
    await waitFor(() => again.core.snapshot().session === null, 5_000, 'session ended');

    await waitFor(() => tokenEntries().length === 0, 2_000, 'token forgotten');
    expect(world.audit.map((a) => a.event)).toContain('session.revoked');
    expect(readFileSync(path.join(world.annDir, 'accounts.json'), 'utf8')).toContain(
      '"last": null',
    );
  });
});
