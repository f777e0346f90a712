import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from './defaults';
import { loadMachinePolicy, type LoadPolicyOptions } from './load';
import { createFakeRoot, recordingAudit, type FakeRoot } from './testing/fake-root';

const LINUX_FILE = '/etc/parley/policy.json';
const MAC_FILE = '/Library/Application Support/Parley/policy.json';
const WINDOWS_FILE = 'D:\\Data\\Parley\\policy.json';
const USER_DATA = '/home/ann/.config/Parley';
const USER_FILE = `${USER_DATA}/policy.json`;

let root: FakeRoot;

beforeEach(async () => {
  root = await createFakeRoot();
});

afterEach(async () => {
  await root.remove();
});

function load(options: LoadPolicyOptions = {}) {
  return loadMachinePolicy({
    platform: 'linux',
    readers: [],
    readText: root.readText,
    userDataPath: USER_DATA,
    ...options,
  });
}

const json = (value: unknown) => JSON.stringify(value);

describe('where machine policy is read from', () => {
  it('reads /etc/parley/policy.json on Linux', async () => {
    await root.write(LINUX_FILE, json({ allowRememberLogin: false }));

    const { policy, sources } = await load({ platform: 'linux' });

    expect(sources).toEqual([LINUX_FILE]);
    expect(policy.allowRememberLogin).toBe(false);
    expect(policy.origins.allowRememberLogin).toBe('machine');
  });

  it('reads /Library/Application Support/Parley/policy.json on macOS', async () => {
    await root.write(MAC_FILE, json({ notificationContent: 'sender_only' }));

    const { policy, sources } = await load({ platform: 'darwin', readers: [] });

    expect(sources).toEqual([MAC_FILE]);
    expect(policy.notificationContent).toBe('sender_only');
  });

  it('reads %ProgramData%\\Parley\\policy.json on Windows', async () => {
    await root.write(WINDOWS_FILE, json({ allowEditDelete: false }));

    const { policy, sources } = await load({ platform: 'win32', env: { ProgramData: 'D:\\Data' } });

    expect(sources).toEqual([WINDOWS_FILE]);
    expect(policy.allowEditDelete).toBe(false);
  });

  it('reads the Windows registry and macOS managed preferences through their readers', async () => {
    const registry = async () => ({
      source: 'HKLM\\SOFTWARE\\Policies\\Parley',
      data: { allowedServers: ['https://chat.example.com'] },
    });

    const { policy, sources } = await load({ platform: 'win32', readers: [registry] });

    expect(sources).toEqual(['HKLM\\SOFTWARE\\Policies\\Parley']);
    expect(policy.allowedServers).toEqual(['https://chat.example.com']);
  });

  it('gives the defaults when no source exists', async () => {
    const { policy, sources } = await load();

    expect(sources).toEqual([]);
    expect(policy).toEqual(DEFAULT_POLICY);
  });
});

describe('user file precedence', () => {
  it('lets the user file add restrictions', async () => {
    await root.write(
      LINUX_FILE,
      json({ allowedServers: ['https://a.example', 'https://b.example'] }),
    );
    await root.write(
      USER_FILE,
      json({ allowedServers: ['https://b.example'], notificationContent: 'sender_only' }),
    );

    const { policy } = await load();

    expect(policy.allowedServers).toEqual(['https://b.example']);
    expect(policy.origins.allowedServers).toBe('user');
    expect(policy.notificationContent).toBe('sender_only');
  });

  it('never lets the user file loosen what the machine says', async () => {
    await root.write(
      LINUX_FILE,
      json({
        allowedServers: ['https://a.example'],
        notificationContent: 'sender_only',
        allowRememberLogin: false,
        eraseCacheOnRevocation: true,
        allowEditDelete: false,
      }),
    );
    await root.write(
      USER_FILE,
      json({
        allowedServers: ['https://a.example', 'https://evil.example'],
        notificationContent: 'full',
        allowRememberLogin: true,
        eraseCacheOnRevocation: false,
        allowEditDelete: true,
      }),
    );

    const { policy } = await load();

    expect(policy).toMatchObject({
      allowedServers: ['https://a.example'],
      notificationContent: 'sender_only',
      allowRememberLogin: false,
      eraseCacheOnRevocation: true,
      allowEditDelete: false,
      problems: [],
    });
  });

  it('does not let the user file loosen the defaults either', async () => {
    await root.write(USER_FILE, json({ notificationContent: 'full' }));

    const { policy } = await load();

    expect(policy.notificationContent).toBe('sender_and_channel');
  });

  it('ignores trust roots, update settings and extra pins from the user file', async () => {
    const pin = 'A'.repeat(43) + '=';
    const otherPin = 'B'.repeat(43) + '=';
    await root.write(
      LINUX_FILE,
      json({ certificatePins: { 'https://a.example': [pin] }, update: { mode: 'automatic' } }),
    );
    await root.write(
      USER_FILE,
      json({
        extraCaFiles: ['/home/ann/evil-ca.pem'],
        update: { mode: 'off', feedUrl: 'https://evil.example/feed' },
        certificatePins: { 'https://a.example': [otherPin], 'https://b.example': [otherPin] },
      }),
    );

    const { policy, ignored } = await load();

    expect(policy.extraCaFiles).toEqual([]);
    expect(policy.update).toEqual({ mode: 'automatic', channel: 'stable', feedUrl: null });
    expect(policy.certificatePins).toEqual({
      'https://a.example': [pin],
      'https://b.example': [otherPin],
    });
    expect(ignored.map((item) => item.key)).toEqual([
      'extraCaFiles',
      'update',
      'certificatePins.https://a.example',
    ]);
  });

  it('lets the OS policy store win over the machine file for IT choices', async () => {
    await root.write(LINUX_FILE, json({ update: { mode: 'notify', channel: 'beta' } }));
    const store = async () => ({ source: 'store', data: { update: { mode: 'off' } } });

    const { policy } = await load({ readers: [store] });

    expect(policy.update).toEqual({ mode: 'off', channel: 'beta', feedUrl: null });
  });

  it('drops a default server that the allowed servers exclude', async () => {
    await root.write(LINUX_FILE, json({ allowedServers: ['https://a.example'] }));
    await root.write(USER_FILE, json({ defaultServer: 'https://b.example' }));

    const { policy } = await load();

    expect(policy.defaultServer).toBeNull();
  });
});

describe('a malformed source locks the app and names the file and key', () => {
  const LOCKED = {
    notificationContent: 'sender_only',
    allowRememberLogin: false,
    eraseCacheOnRevocation: true,
  };

  it('locks on a file that is not JSON', async () => {
    await root.write(LINUX_FILE, '{ "allowRememberLogin": fals');
    const audit = recordingAudit();

    const { policy } = await load({ audit });

    expect(policy).toMatchObject({ ...LOCKED, allowedServers: [] });
    expect(policy.problems).toEqual([
      { source: LINUX_FILE, key: null, message: expect.stringContaining('not valid JSON') },
    ]);
    expect(audit.events[0]).toMatchObject({
      event: 'policy.invalid',
      fields: { source: LINUX_FILE, key: null },
    });
    expect(audit.events[1]).toMatchObject({ event: 'policy.loaded', fields: { locked: true } });
  });

  it('locks on a value of the wrong type and keeps the valid servers', async () => {
    await root.write(
      LINUX_FILE,
      json({ allowedServers: ['https://a.example'], allowRememberLogin: 'no' }),
    );

    const { policy } = await load();

    expect(policy).toMatchObject({ ...LOCKED, allowedServers: ['https://a.example'] });
    expect(policy.origins.notificationContent).toBe('locked');
    expect(policy.problems).toEqual([
      {
        source: LINUX_FILE,
        key: 'allowRememberLogin',
        message: expect.stringContaining('expected boolean'),
      },
    ]);
  });

  it('locks on an unknown key, and allows no server when the file names none', async () => {
    await root.write(LINUX_FILE, json({ allowedServer: ['https://a.example'] }));

    const { policy } = await load();

    expect(policy).toMatchObject({ ...LOCKED, allowedServers: [] });
    expect(policy.problems).toEqual([
      {
        source: LINUX_FILE,
        key: 'allowedServer',
        message: expect.stringContaining('not a Parley'),
      },
    ]);
  });

  it('names the nested key of a bad update setting', async () => {
    await root.write(
      LINUX_FILE,
      json({ allowedServers: [], update: { mode: 'sometimes', chanel: 'beta' } }),
    );

    const { policy } = await load();

    expect(policy.problems.map((problem) => problem.key)).toEqual(['update.mode', 'update.chanel']);
    expect(policy.update.mode).toBe('notify');
  });

  it('allows no server when the pins are broken', async () => {
    await root.write(
      LINUX_FILE,
      json({
        allowedServers: ['https://a.example'],
        certificatePins: { 'https://a.example': ['x'] },
      }),
    );

    const { policy } = await load();

    expect(policy.allowedServers).toEqual([]);
    expect(policy.problems[0]?.key).toBe('certificatePins.https://a.example.0');
  });

  it('locks on a broken user file too, naming that file', async () => {
    await root.write(USER_FILE, json({ notificationContent: 'everything' }));

    const { policy } = await load();

    expect(policy).toMatchObject(LOCKED);
    expect(policy.problems).toEqual([
      { source: USER_FILE, key: 'notificationContent', message: expect.any(String) },
    ]);
  });

  it('locks when an OS policy store cannot be read', async () => {
    const store = async () => ({ source: 'HKLM\\SOFTWARE\\Policies\\Parley', error: 'denied' });

    const { policy } = await load({ readers: [store] });

    expect(policy).toMatchObject({ ...LOCKED, allowedServers: [] });
    expect(policy.problems[0]).toMatchObject({
      source: 'HKLM\\SOFTWARE\\Policies\\Parley',
      key: null,
    });
  });

  it('accepts a file saved with a UTF-8 byte-order mark', async () => {
    await root.write(LINUX_FILE, '\uFEFF' + json({ allowEditDelete: false }));

    const { policy } = await load();

    expect(policy.problems).toEqual([]);
    expect(policy.allowEditDelete).toBe(false);
  });
});
