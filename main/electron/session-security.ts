import type { Session } from 'electron';

import { isAppUrl } from './app-protocol';

/** Notifications for our own page; nothing else, for anyone. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}

type SessionPolicyTarget = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

const policed = new WeakSet<SessionPolicyTarget>();

/** Applies the permission policy to a session; idempotent (the guard calls it per webContents). */
export function applySessionPolicy(session: SessionPolicyTarget): void {
  if (policed.has(session)) return;
  policed.add(session);

  // Threat: a compromised page asking for camera, microphone, screen, location, clipboard or
  // devices. Only notifications from app://parley are granted.
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );

  // Threat: WebHID/WebUSB/serial access to attached hardware.
  session.setDevicePermissionHandler(() => false);

  // Threat: a page dropping files onto disk through <a download>.
  session.on('will-download', (event) => {
    event.preventDefault();
  });
}
