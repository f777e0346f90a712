import { describe, expect, it } from 'vitest';

import type { PolicySource } from '../../../common/policy';
import { mergeLocal } from './load';
import { checkSource } from './source-check';
import { createPolicyState, SERVER_POLICY_SOURCE } from './state';
import { recordingAudit } from './testing/fake-root';

function stateFor(machine: PolicySource, options = {}) {
  return createPolicyState(
    mergeLocal([checkSource('/etc/parley/policy.json', machine)], null),
    options,
  );
}

describe('server policy merges stricter-wins', () => {
  it('tightens what the machine allows', () => {
    const state = stateFor({ notificationContent: 'full', allowRememberLogin: true });

    const policy = state.applyServerPolicy({
      notificationContent: 'sender_and_channel',
      allowRememberLogin: false,
      eraseCacheOnRevocation: true,
      allowEditDelete: false,
    });

    expect(policy).toMatchObject({
      notificationContent: 'sender_and_channel',
      allowRememberLogin: false,
      eraseCacheOnRevocation: true,
      allowEditDelete: false,
    });
    expect(policy.origins).toMatchObject({
      notificationContent: 'server',
      allowRememberLogin: 'server',
    });
  });

  it('cannot loosen what the machine says', () => {
    const state = stateFor({ notificationContent: 'sender_only', allowEditDelete: false });

    const policy = state.applyServerPolicy({ notificationContent: 'full', allowEditDelete: true });

    expect(policy).toMatchObject({ notificationContent: 'sender_only', allowEditDelete: false });
    expect(policy.origins.notificationContent).toBe('machine');
  });

  it('replaces the previous server policy rather than stacking on it', () => {
    const state = stateFor({});
    state.applyServerPolicy({ allowRememberLogin: false });

    const policy = state.applyServerPolicy({});

    expect(policy.allowRememberLogin).toBe(true);
    expect(state.clearServerPolicy().origins.allowRememberLogin).toBeUndefined();
  });

  it('locks and reports a server policy that sets keys the server may not set', () => {
    const audit = recordingAudit();
    const state = stateFor({ allowedServers: ['https://a.example'] }, { audit });

    const policy = state.applyServerPolicy({ allowedServers: ['https://b.example'] } as never);

    expect(policy.allowedServers).toEqual(['https://a.example']);
    expect(policy.notificationContent).toBe('sender_only');
    expect(policy.problems).toEqual([
      {
        source: SERVER_POLICY_SOURCE,
        key: 'allowedServers',
        message: expect.stringContaining('may not'),
      },
    ]);
    expect(audit.events).toEqual([
      { event: 'policy.invalid', fields: expect.objectContaining({ key: 'allowedServers' }) },
    ]);
  });

  it('tells listeners about every change', () => {
    const seen: string[] = [];
    const state = stateFor(
      {},
      { onChange: (p: { notificationContent: string }) => seen.push(p.notificationContent) },
    );

    state.applyServerPolicy({ notificationContent: 'sender_only' });

    expect(seen).toEqual(['sender_only']);
  });
});

describe('isServerAllowed', () => {
  it('allows any https server when policy names none', () => {
    const state = stateFor({});

    expect(state.isServerAllowed('https://chat.example.com/path')).toBe(true);
    expect(state.isServerAllowed('http://chat.example.com')).toBe(false);
    expect(state.isServerAllowed('not a url')).toBe(false);
  });

  it('compares origins, ports included', () => {
    const state = stateFor({ allowedServers: ['https://chat.example.com'] });

    expect(state.isServerAllowed('https://chat.example.com/login')).toBe(true);
    expect(state.isServerAllowed('https://chat.example.com:8443')).toBe(false);
    expect(state.isServerAllowed('https://chat.example.com.evil.example')).toBe(false);
  });
});
