/**
 * The Electron main entry (bundled to dist/main/main.cjs). The only module with side effects:
 * it opens the log files and hands the real Electron modules, services and core to
 * `initializeApp`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import { ElectronAppAdapter } from 'electron-updater/out/ElectronAppAdapter';

import { createParleyCore } from '../core/core';
import { loadMachinePolicy } from '../core/policy/load';
import { readExtraCaFiles } from '../core/policy/ca-files';
import { createTransport } from '../core/net/transport';
import { createUpdateService } from '../core/updates/update-service';
import { initializeApp, type ShellServices } from './app';
import { openLogFiles } from './log-files';
import { readBakedFeedUrl } from './update-feed';

const logs = openLogFiles(app.getPath('userData'));
const log = logs.createLogger('electron');

const services: ShellServices = {
  loadPolicy: ({ userDataPath, audit }) => loadMachinePolicy({ userDataPath, audit }),
  createUpdates({ policy, audit, onStatus }) {
    const appAdapter = new ElectronAppAdapter();
    const publicKeyPem = readFileSync(
      path.join(app.getAppPath(), 'build/update-public-key.pem'),
      'utf8',
    );

    const feedCa = readExtraCaFiles(policy.current().extraCaFiles, audit);
    const feedTransport = createTransport({
      extraCaPem: feedCa,
      pins: policy.current().certificatePins,
      proxyEnv: process.env,
      audit,
    });

    return createUpdateService({
      policy,
      audit,
      appAdapter,
      publicKeyPem,
      feedCa,
      agent: feedTransport.agent,
      defaultFeedUrl: readBakedFeedUrl(appAdapter.appUpdateConfigPath),
      onStatus,
      log: logs.createLogger('updates'),
    });
  },
  flushLogs: logs.flush,
};

initializeApp({
  electron: {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    shell,
    Tray,
    Menu,
    Notification,
    nativeImage,
  },
  createCore: (options) => createParleyCore({ ...options, logger: logs.createLogger }),
  services,
  audit: logs.audit,
  paths: {
    preload: path.join(__dirname, 'preload.cjs'),
    renderer: path.join(__dirname, '..', 'renderer'),
  },
  env: process.env,
  platform: process.platform,
  argv: process.argv,
  log,
}).catch((error: unknown) => {
  log.error({ errorName: (error as Error)?.name }, 'app.start_failed');
  logs.flush();
  app.exit(1);
});
