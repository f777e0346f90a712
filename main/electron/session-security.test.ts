import { describe, expect, it } from 'vitest';

import { applySessionPolicy } from './session-security';
import { asSession, FakeSession, fakeEvent } from './test-support/fake-electron';

function policed() {
  const session = new FakeSession();
  applySessionPolicy(asSession(session));
  return session;
}

describe('session permission policy', () => {
  it('grants notifications to our own page', () => {
    const session = policed();

    expect(session.request('notifications', 'app://parley/index.html')).toBe(true);
    expect(session.checkHandler?.(null, 'notifications', 'app://parley')).toBe(true);
  });

  it('denies notifications to any other origin', () => {
    const session = policed();

    expect(session.request('notifications', 'https://evil.example/')).toBe(false);
    expect(session.request('notifications', 'app://parley.evil/')).toBe(false);
    expect(session.checkHandler?.(null, 'notifications', 'https://evil.example')).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'display-capture',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'fileSystem',
    'unknown',
  ])('denies %s, requested or checked, even from our own page', (permission) => {
    const session = policed();

    expect(session.request(permission, 'app://parley/index.html')).toBe(false);
    expect(session.checkHandler?.(null, permission, 'app://parley')).toBe(false);
  });

  it('denies device access and prevents downloads', () => {
    const session = policed();
    const download = fakeEvent();

    session.emit('will-download', download, {}, null);

    expect(session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
    expect(download.defaultPrevented).toBe(true);
  });
});
