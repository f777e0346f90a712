// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ERROR_CODES, type ErrorCode } from '../../../common/result';
import { describeError } from '../text/error-text';
import { deferred, installFakeBridge } from '../test/fake-bridge';
import { aliceSession, snapshot } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

async function loggedOut() {
  const fake = installFakeBridge();
  fake.bridge.getSnapshot.mockResolvedValue({ ok: true, value: snapshot({ session: null }) });
  const view = await renderApp();
  return { ...fake, ...view };
}

function fillIn(username = 'alice', password = 'secret') {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('log-in screen', () => {
  it('prefills the server address from the snapshot', async () => {
    await loggedOut();

    expect(screen.getByLabelText('Server address')).toHaveProperty('value', 'https://chat.test');
  });

  it("links to the server's forgot-password page, https only, opening a new window", async () => {
    const fake = installFakeBridge();
    fake.bridge.getSnapshot.mockResolvedValue({ ok: true, value: snapshot({ session: null }) });
    fake.bridge.getServerInfo.mockResolvedValue({
      ok: true,
      value: { name: 'Parley', forgotPasswordUrl: 'https://id.chat.test/reset' },
    });
    await renderApp();

    const link = await screen.findByRole('link', { name: 'Forgot password?' }, { timeout: 2_000 });

    expect(fake.bridge.getServerInfo).toHaveBeenCalledWith({ serverUrl: 'https://chat.test' });
    expect(link.getAttribute('href')).toBe('https://id.chat.test/reset');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('offers no forgot-password link for a page that is not https', async () => {
    const fake = installFakeBridge();
    fake.bridge.getSnapshot.mockResolvedValue({ ok: true, value: snapshot({ session: null }) });
    fake.bridge.getServerInfo.mockResolvedValue({
      ok: true,
      value: { name: 'Parley', forgotPasswordUrl: 'javascript:alert(1)' },
    });
    await renderApp();

    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(fake.bridge.getServerInfo).toHaveBeenCalled();
    expect(screen.queryByRole('link', { name: 'Forgot password?' })).toBeNull();
  });

  it('sends the form to the bridge and shows the main view on success', async () => {
    const { bridge } = await loggedOut();

    fillIn();

    expect(await screen.findByRole('navigation', { name: 'Channels' })).toBeTruthy();
    expect(bridge.login).toHaveBeenCalledWith({
      serverUrl: 'https://chat.test',
      username: 'alice',
      password: 'secret',
      remember: false,
    });
  });

  it('says "Logging in…" and disables the button while waiting', async () => {
    const { bridge } = await loggedOut();
    const answer = deferred<Awaited<ReturnType<typeof bridge.login>>>();
    bridge.login.mockReturnValue(answer.promise);

    fillIn();

    const button = await screen.findByRole('button', { name: 'Logging in…' });
    expect(button).toHaveProperty('disabled', true);

    answer.resolve({ ok: true, value: aliceSession });
    expect(await screen.findByRole('button', { name: 'Log out' })).toBeTruthy();
  });

  it.each<[ErrorCode, string, string]>([
    ['bad_credentials', 'nope', 'Wrong username or password.'],
    ['network', 'ECONNREFUSED', "Can't reach the server. Check the address and your connection."],
    [
      'tls',
      'certificate pin mismatch',
      'The secure connection was refused: certificate pin mismatch',
    ],
    ['rate_limited', 'slow down', 'Too many attempts. Wait a moment and try again.'],
  ])('explains a %s error in plain words', async (code, message, shown) => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValue({ ok: false, error: { code, message } });

    fillIn();

    expect((await screen.findByRole('alert')).textContent).toBe(shown);
    expect(screen.getByRole('button', { name: 'Log in' })).toHaveProperty('disabled', false);
  });

  it('has its own words for every error code', () => {
    const texts = ERROR_CODES.map((code) => describeError({ code, message: 'detail' }));

    expect(new Set(texts).size).toBe(ERROR_CODES.length);
    for (const text of texts) expect(text.length).toBeGreaterThan(10);
  });

  it('refuses a non-https server address before calling the bridge', async () => {
    const { bridge } = await loggedOut();
    fireEvent.change(screen.getByLabelText('Server address'), {
      target: { value: 'http://chat.test' },
    });

    fillIn();

    expect(screen.getByRole('alert').textContent).toBe(
      'The server address must start with https://',
    );
    expect(bridge.login).not.toHaveBeenCalled();
  });

  it('shows why the session ended when main ends it', async () => {
    const fake = installFakeBridge();
    await renderApp();
    await screen.findByRole('button', { name: 'Log out' });

    fake.emit([{ type: 'session', session: null, reason: 'An administrator ended your session.' }]);

    expect(screen.getByRole('alert').textContent).toBe('An administrator ended your session.');
    expect(screen.getByLabelText('Server address')).toHaveProperty('value', 'https://chat.test');
  });
});
