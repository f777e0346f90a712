import { describe, expect, it } from 'vitest';

import { createExternalOpener, isAllowedExternalUrl } from './external-links';
import {
  asApp,
  asWebContents,
  FakeApp,
  FakeShell,
  FakeWebContents,
  fakeEvent,
} from './test-support/fake-electron';
import { hardenWebContents, installWebContentsGuard } from './window-security';

const silent = { info() {}, warn() {}, error() {} };

function hardened() {
  const contents = new FakeWebContents();
  const shell = new FakeShell();
  hardenWebContents(asWebContents(contents), createExternalOpener(shell, silent));
  return { contents, shell };
}

describe('external links', () => {
  it.each(['https://example.com/page?q=1', 'mailto:someone@example.com'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://example.com/',
    'smb://server/share',
    'ms-settings:',
    'data:text/html,<script>1</script>',
    'https://user:pass@example.com/',
    'https://bank.example@evil.example/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('window.open', () => {
  it('is always denied; an https link opens in the system browser', () => {
    const { contents, shell } = hardened();

    const answer = contents.windowOpenHandler?.({ url: 'https://example.com/doc' });

    expect(answer).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/doc']);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'http://example.com/'])(
    'is denied and does not open %s anywhere',
    (url) => {
      const { contents, shell } = hardened();

      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(shell.opened).toEqual([]);
    },
  );
});

describe('navigation', () => {
  it('is prevented, even to our own origin', () => {
    const { contents, shell } = hardened();
    const event = fakeEvent({ url: 'app://parley/index.html' });

    contents.emit('will-navigate', event);

    expect(event.defaultPrevented).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('of a clicked https link is prevented and the link opens externally', () => {
    const { contents, shell } = hardened();
    const event = fakeEvent({ url: 'https://example.com/' });

    contents.emit('will-navigate', event);

    expect(event.defaultPrevented).toBe(true);
    expect(shell.opened).toEqual(['https://example.com/']);
  });

  it('to file: or javascript: is prevented and opens nothing', () => {
    const { contents, shell } = hardened();

    for (const url of ['file:///etc/passwd', 'javascript:alert(1)']) {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(shell.opened).toEqual([]);
  });

  it('redirects are prevented and never opened externally', () => {
    const { contents, shell } = hardened();
    const event = fakeEvent({ url: 'https://example.com/' });

    contents.emit('will-redirect', event);

    expect(event.defaultPrevented).toBe(true);
    expect(shell.opened).toEqual([]);
  });
});

describe('webviews', () => {
  it('are never attached', () => {
    const { contents } = hardened();
    const event = fakeEvent();

    contents.emit('will-attach-webview', event, {}, {});

    expect(event.defaultPrevented).toBe(true);
  });
});

describe('subframe navigation', () => {
  it('is prevented and never opened externally', () => {
    const { contents, shell } = hardened();
    const event = fakeEvent({ url: 'https://example.com/', isMainFrame: false });

    contents.emit('will-frame-navigate', event);

    expect(event.defaultPrevented).toBe(true);
    expect(shell.opened).toEqual([]);
  });
});

describe('hardening twice', () => {
  it('adds no second set of listeners, so a link opens once', () => {
    const { contents, shell } = hardened();
    hardenWebContents(asWebContents(contents), createExternalOpener(shell, silent));

    contents.emit('will-navigate', fakeEvent({ url: 'https://example.com/' }));

    expect(shell.opened).toEqual(['https://example.com/']);
  });
});

describe('app-wide guard', () => {
  it('hardens every created webContents and polices its session', () => {
    const app = new FakeApp();
    const shell = new FakeShell();
    installWebContentsGuard(asApp(app), { openExternal: createExternalOpener(shell, silent) });
    const devtools = new FakeWebContents();

    app.emit('web-contents-created', fakeEvent(), devtools);
    const attach = fakeEvent();
    devtools.emit('will-attach-webview', attach, {}, {});

    expect(attach.defaultPrevented).toBe(true);
    expect(devtools.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(devtools.session.request('geolocation', 'app://parley/index.html')).toBe(false);
    expect(devtools.session.request('notifications', 'https://evil.example/')).toBe(false);
    expect(shell.opened).toEqual([]);
  });
});
