import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UpdateStatus } from '../../../common/bridge';
import type { EffectivePolicy } from '../../../common/policy';
import { startFeedServer, type FeedServer } from '../../../test/updates/feed-server';
import {
  createFakeApp,
  linuxChannelFile,
  manifestFor,
  RecordingAppImageUpdater,
  releaseKeys,
  sha512,
  signManifest,
  type FakeApp,
} from '../../../test/updates/fake-app';
import { recordingAudit, type RecordingAudit } from '../policy/testing/fake-root';
import { DEFAULT_POLICY } from '../policy/defaults';
import { createUpdateService } from './update-service';

const CHANNEL = linuxChannelFile('latest');
const ARTIFACT = 'Parley-1.1.0.AppImage';
const NEW_BUILD = Buffer.from('the 1.1.0 build '.repeat(4096));

let feed: FeedServer;
let app: FakeApp;
let audit: RecordingAudit;
let updater: RecordingAppImageUpdater;
let statuses: UpdateStatus[];
const keys = releaseKeys();
const savedAppImage = process.env.APPIMAGE;

beforeAll(async () => {
  feed = await startFeedServer();
});

afterAll(async () => {
  await feed.close();
});

beforeEach(async () => {
  app = await createFakeApp('1.0.0', feed.url);
  process.env.APPIMAGE = path.join(app.dir, 'Parley-1.0.0.AppImage');
  audit = recordingAudit();
  statuses = [];
  feed.requests.length = 0;
  for (const name of [CHANNEL, `${CHANNEL}.sig`, ARTIFACT]) feed.remove(name);
});

afterEach(async () => {
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  await app.cleanup();
});

function service(update: Partial<EffectivePolicy['update']> = {}, feedCa = [feed.caPem]) {
  const policy = {
    ...DEFAULT_POLICY,
    update: { ...DEFAULT_POLICY.update, feedUrl: feed.url, ...update },
  };

  return createUpdateService({
    policy: { current: () => policy },
    audit,
    appAdapter: app,
    publicKeyPem: keys.publicKeyPem,
    feedCa,
    onStatus: (status) => statuses.push(status),
    createUpdater: (adapter) => {
      updater = new RecordingAppImageUpdater(undefined, adapter);
      return updater;
    },
  });
}

function publish(
  manifest: string,
  signWith: string | null = keys.privateKeyPem,
  name = CHANNEL,
): void {
  feed.put(CHANNEL, manifest);
  if (signWith) feed.put(`${CHANNEL}.sig`, signManifest(signWith, name, Buffer.from(manifest)));
  feed.put(ARTIFACT, NEW_BUILD);
}

const decisions = () =>
  audit.events
    .filter((e) => e.event === 'update.decision')
    .map((e) => [e.fields.outcome, e.fields.reason]);
const downloadedArtifact = () => feed.requests.includes(`/desktop/${ARTIFACT}`);
const pendingFile = () => path.join(app.baseCachePath, 'parley-updater', 'pending', ARTIFACT);

describe('a correctly signed newer manifest', () => {
  it('is offered, downloaded, SHA-512-checked and installed on request', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }));
    const updates = service();

    const status = await updates.checkNow();

    expect(status).toEqual({ state: 'ready', version: '1.1.0', message: null });
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'downloading', 'ready']);
    expect(await readFile(pendingFile())).toEqual(NEW_BUILD);
    expect(updater.installed).toEqual([]);

    expect(await updates.install()).toEqual({ ok: true, value: null });
    expect(updater.installed).toEqual([pendingFile()]);
    expect(app.quits).toBe(1);
    expect(decisions()).toEqual([
      ['available', 'signed manifest verified'],
      ['ready', 'downloaded and sha512-checked (notify)'],
      ['install', 'user asked to restart and install'],
    ]);
  });

  it('fetches only the manifest, its signature and the file over HTTPS', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    await service().checkNow();

    expect(feed.requests).toEqual([
      `/desktop/${CHANNEL}`,
      `/desktop/${CHANNEL}.sig`,
      `/desktop/${ARTIFACT}`,
    ]);
  });
});

describe('refused before anything is downloaded', () => {
  async function expectRefused(reason: string) {
    const updates = service();

    const status = await updates.checkNow();

    expect(status.state).toBe('error');
    expect(decisions()).toEqual([['refused', reason]]);
    expect(downloadedArtifact()).toBe(false);
    expect(existsSync(pendingFile())).toBe(false);
    expect(await updates.install()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(updater.installed).toEqual([]);
  }

  it('an unsigned manifest', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }), null);

    await expectRefused('missing_signature');
  });

  it('a manifest signed by another key', async () => {
    publish(
      manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }),
      releaseKeys().privateKeyPem,
    );

    await expectRefused('bad_signature');
  });

  it('a manifest changed after signing', async () => {
    const manifest = manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD });
    publish(manifest);
    feed.put(CHANNEL, manifest.replace('1.1.0', '1.1.1'));

    await expectRefused('bad_signature');
  });

  it("another channel's signed manifest served in its place", async () => {
    publish(
      manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }),
      keys.privateKeyPem,
      linuxChannelFile('beta'),
    );

    await expectRefused('bad_signature');
  });

  it('a signed manifest older than the running version', async () => {
    publish(manifestFor('0.9.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    await expectRefused('older_version');
  });

  it('a signed manifest without SHA-512s', async () => {
    publish('version: 1.1.0\nfiles:\n  - url: Parley-1.1.0.AppImage\n');

    await expectRefused('invalid_manifest');
  });
});

describe('other outcomes', () => {
  it('treats the running version as up to date', async () => {
    publish(manifestFor('1.0.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    expect(await service().checkNow()).toMatchObject({ state: 'idle' });
    expect(decisions()).toEqual([['up_to_date', 'same_version']]);
    expect(downloadedArtifact()).toBe(false);
  });

  it('refuses a file whose bytes do not match the signed SHA-512, and installs nothing', async () => {
    const other = Buffer.from('a different build');
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD, sha512: sha512(other) }));
    const updates = service();

    const status = await updates.checkNow();

    expect(status).toMatchObject({ state: 'error', version: '1.1.0' });
    expect(decisions()).toEqual([
      ['available', 'signed manifest verified'],
      ['refused', 'sha512 mismatch'],
    ]);
    expect(existsSync(pendingFile())).toBe(false);
    expect(await updates.install()).toMatchObject({ ok: false });
    expect(updater.installed).toEqual([]);
  });

  it('holds back an install outside the staged rollout', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }, 'stagingPercentage: 0'));

    expect(await service().checkNow()).toMatchObject({ state: 'idle' });
    expect(decisions()).toEqual([['deferred', 'staged rollout at 0 %']]);
    expect(downloadedArtifact()).toBe(false);
  });

  it('does nothing when policy turns updates off', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    expect(await service({ mode: 'off' }).checkNow()).toMatchObject({ state: 'disabled' });
    expect(feed.requests).toEqual([]);
    expect(decisions()).toEqual([['disabled', 'policy turns updates off']]);
  });

  it('installs on quit only in automatic mode', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    await service({ mode: 'automatic' }).checkNow();

    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('keeps TLS verification on: a feed certificate from an unknown CA fails the check', async () => {
    publish(manifestFor('1.1.0', { name: ARTIFACT, bytes: NEW_BUILD }));

    const status = await service({}, []).checkNow();

    expect(status).toMatchObject({ state: 'error', message: 'Could not check for updates.' });
    expect(feed.requests).toEqual([]);
  });
});
