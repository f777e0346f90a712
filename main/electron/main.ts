/**
 * The Electron main entry (bundled to dist/main/main.cjs). The only module with side effects:
 * it hands the real Electron modules and the real core to `initializeApp`.
 */
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

import { createParleyCore } from '../core/core';
import { createLoggerFactory } from '../core/log/logger';
import { initializeApp } from './app';
import { adaptCoreForNotifications } from './core-notifications-adapter';

const createLogger = createLoggerFactory();
const log = createLogger('electron');

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
  createCore: adaptCoreForNotifications(
    (options) => createParleyCore({ ...options, logger: createLogger }),
    createLogger('bridge'),
  ),
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
  app.exit(1);
});
