import type { Agent as HttpsAgent } from 'node:https';
import type { HttpExecutor } from 'builder-util-runtime';
import type { AppUpdater, UpdateInfo } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

import type { UpdateStatus } from '../../../common/bridge';
import type { EffectivePolicy } from '../../../common/policy';
import { err, ok, type Result } from '../../../common/result';
import type { AuditLog } from '../audit/audit-log';
import { silentLoggers, type Logger } from '../log/logger';
import { HttpsExecutor } from './https-executor';
import { ed25519PublicKey } from './manifest-signature';
import { UpdateRefusedError } from './refusal';
import { isInRollout, loadRolloutBucket } from './rollout';
import { checkSchedule, type Timers } from './schedule';
import { signedProviderClass } from './signed-provider';
import { createPlatformUpdater } from './updater-factory';

export interface UpdateServiceOptions {
  policy: { current(): EffectivePolicy };
  audit: AuditLog;
  /** The app as electron-updater sees it; the shell wraps Electron's `app`, tests pass a fake. */
  appAdapter: AppAdapter;
  /** The shipped release key (build/update-public-key.pem); several during a key rotation. */
  publicKeyPem: string | string[];
  /** Extra CA certificates (PEM) to trust for the feed, e.g. from policy's extraCaFiles. */
  feedCa?: string[];
  /** The core's transport agent: the feed then gets the same CAs, pins and proxy as the chat. */
  agent?: HttpsAgent;
  /** The feed when policy names none (from the build configuration). */
  defaultFeedUrl?: string | null;
  onStatus?: (status: UpdateStatus) => void;
  createUpdater?: (app: AppAdapter) => AppUpdater;
  httpExecutor?: HttpExecutor<never>;
  timers?: Timers;
  random?: () => number;
  log?: Logger;
}

export interface UpdateService {
  /** Checks now, then about hourly with jitter. */
  start(): void;
  checkNow(): Promise<UpdateStatus>;
  status(): UpdateStatus;
  /** Quits and installs the downloaded update. */
  install(): Promise<Result<null>>;
  dispose(): void;
}

type Outcome =
  'disabled' | 'up_to_date' | 'deferred' | 'refused' | 'failed' | 'available' | 'ready' | 'install';

const CHANNEL_FILES = { stable: 'latest', beta: 'beta' } as const;

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const log = options.log ?? silentLoggers('updates');
  const publicKeys = [options.publicKeyPem].flat().map(ed25519PublicKey);
  const currentVersion = options.appAdapter.version;
  let state: UpdateStatus = { state: 'idle', version: null, message: null };
  let updater: AppUpdater | null = null;
  let feedKey = '';
  let running: Promise<UpdateStatus> | null = null;
  let disposed = false;
  const bucket = loadRolloutBucket(options.appAdapter.userDataPath);
  const schedule = checkSchedule(() => void service.checkNow(), options.timers, options.random);

  const setStatus = (next: UpdateStatus): UpdateStatus => {
    state = next;
    options.onStatus?.({ ...next });

    return next;
  };

  const decide = (outcome: Outcome, version: string | null, reason: string): void => {
    options.audit.record('update.decision', { version, outcome, reason, running: currentVersion });
    log.info({ event: 'update.decision', version, outcome, reason });
  };

  function configured(
    mode: EffectivePolicy['update']['mode'],
    channel: 'stable' | 'beta',
    url: string,
  ): AppUpdater {
    const key = `${url} ${channel}`;
    if (updater && key === feedKey) return updater;

    updater ??= (options.createUpdater ?? createPlatformUpdater)(options.appAdapter);
    feedKey = key;
    prepareUpdater(updater, options, log);
    updater.setFeedURL({
      provider: 'custom',
      updateProvider: signedProviderClass({ publicKeys, currentVersion }),
      url,
      channel: CHANNEL_FILES[channel],
    } as never);
    updater.autoInstallOnAppQuit = mode === 'automatic';
    updater.isUserWithinRollout = async (info: UpdateInfo) => {
      const inside = isInRollout(await bucket, info.stagingPercentage);
      if (!inside)
        decide('deferred', info.version, `staged rollout at ${String(info.stagingPercentage)} %`);

      return inside;
    };

    return updater;
  }

  async function check(): Promise<UpdateStatus> {
    const { mode, channel, feedUrl } = options.policy.current().update;
    const url = feedUrl ?? options.defaultFeedUrl ?? null;

    if (mode === 'off' || !url || !url.startsWith('https://')) {
      decide(
        'disabled',
        null,
        mode === 'off' ? 'policy turns updates off' : 'no https feed configured',
      );
      return setStatus({ state: 'disabled', version: null, message: null });
    }

    if (state.state === 'ready') return state;

    const active = configured(mode, channel, url);
    setStatus({ state: 'checking', version: null, message: null });

    let available: UpdateInfo;
    try {
      const result = await active.checkForUpdates();
      if (!result) {
        decide('disabled', null, 'updater inactive (not packaged)');
        return setStatus({ state: 'disabled', version: null, message: null });
      }
      if (!result.isUpdateAvailable) {
        return setStatus({ state: 'idle', version: null, message: null });
      }
      available = result.updateInfo;
    } catch (error) {
      return failedCheck(error);
    }

    decide('available', available.version, 'signed manifest verified');
    setStatus({ state: 'downloading', version: available.version, message: null });

    try {
      await active.downloadUpdate();
    } catch (error) {
      const mismatch = (error as { code?: unknown }).code === 'ERR_CHECKSUM_MISMATCH';
      decide('refused', available.version, mismatch ? 'sha512 mismatch' : 'download failed');

      return setStatus({
        state: 'error',
        version: available.version,
        message: mismatch
          ? 'The downloaded update did not match its signed manifest.'
          : 'The update could not be downloaded.',
      });
    }

    decide('ready', available.version, `downloaded and sha512-checked (${mode})`);

    return setStatus({ state: 'ready', version: available.version, message: null });
  }

  function failedCheck(error: unknown): UpdateStatus {
    if (error instanceof UpdateRefusedError) {
      if (error.reason === 'same_version') {
        decide('up_to_date', error.version, error.reason);
        return setStatus({ state: 'idle', version: null, message: null });
      }

      decide('refused', error.version, error.reason);
      return setStatus({ state: 'error', version: error.version, message: error.message });
    }

    decide('failed', null, 'check failed');
    log.warn({ event: 'update.check_failed', error: (error as Error).message });

    return setStatus({ state: 'error', version: null, message: 'Could not check for updates.' });
  }

  const service: UpdateService = {
    start() {
      if (disposed) return;
      schedule.start();
    },

    checkNow() {
      if (disposed) return Promise.resolve(state);

      running ??= check().finally(() => {
        running = null;
      });

      return running;
    },

    status: () => ({ ...state }),

    async install() {
      if (state.state !== 'ready' || !updater) {
        return err('not_found', 'No update is ready to install.');
      }

      decide('install', state.version, 'user asked to restart and install');
      updater.quitAndInstall(false, true);

      return ok(null);
    },

    dispose() {
      disposed = true;
      schedule.stop();
    },
  };

  return service;
}

/**
 * Settings that hold whatever policy says: the manifest is the only source of truth (no
 * downgrades, no pre-release hopping, no unsigned web installers, no blockmap patching), and
 * downloads are started by us so every decision is audited.
 */
function prepareUpdater(updater: AppUpdater, options: UpdateServiceOptions, log: Logger): void {
  updater.autoDownload = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.disableWebInstaller = true;
  updater.disableDifferentialDownload = true;
  updater.logger = {
    info: (message?: unknown) => log.debug({ event: 'electron-updater', message: String(message) }),
    warn: (message?: unknown) => log.warn({ event: 'electron-updater', message: String(message) }),
    error: (message?: unknown) => log.warn({ event: 'electron-updater', message: String(message) }),
  };
  // electron-updater only builds its own (Electron net) executor when it owns the app adapter.
  Object.assign(updater, {
    httpExecutor: options.httpExecutor ?? new HttpsExecutor(options.feedCa, options.agent),
  });
}
