// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { CertificateProblem } from '../../../common/result';
import { installFakeBridge } from '../test/fake-bridge';
import { aliceSession, policy, snapshot } from '../test/fixtures';
import { renderApp } from '../test/render-app';
import { shortTime } from '../text/time';

afterEach(cleanup);

async function loggedOut(overrides: Parameters<typeof snapshot>[0] = {}) {
  const fake = installFakeBridge();
  fake.bridge.getSnapshot.mockResolvedValue({
    ok: true,
    value: snapshot({ session: null, ...overrides }),
  });
  await renderApp();
  return fake;
}

function fillIn(username = 'alice', password = 'secret') {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

const certificate: CertificateProblem = {
  reason: 'pin_mismatch',
  subject: 'CN=chat.test',
  issuer: 'CN=Evil Proxy CA',
  fingerprintSha256: 'AB:CD:EF:01:23:45:67:89',
  validTo: '2030-01-01T00:00:00.000Z',
};

describe('log-in: remember me', () => {
  it('passes the checkbox as remember', async () => {
    const { bridge } = await loggedOut();

    fireEvent.click(screen.getByLabelText('Remember me on this computer'));
    fillIn();

    await waitFor(() => expect(bridge.login).toHaveBeenCalled());
    expect(bridge.login.mock.calls[0]?.[0]).toMatchObject({ remember: true });
  });

  it('is not offered when policy forbids remembering the log-in', async () => {
    await loggedOut({ policy: policy({ allowRememberLogin: false }) });

    expect(screen.queryByLabelText('Remember me on this computer')).toBeNull();
  });
});

describe('log-in: two-step verification', () => {
  it('asks for the code after mfa_required and logs in with it and the same password', async () => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValueOnce({
      ok: false,
      error: { code: 'mfa_required', message: 'code needed' },
    });

    fillIn('alice', 'secret');

    const code = await screen.findByLabelText('Authentication code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('button', { name: 'Log out' })).toBeTruthy();
    expect(bridge.login).toHaveBeenLastCalledWith({
      serverUrl: 'https://chat.test',
      username: 'alice',
      password: 'secret',
      remember: false,
      totpCode: '123456',
    });
  });

  it('refuses a code that is not six digits without calling the bridge', async () => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValueOnce({ ok: false, error: { code: 'mfa_required', message: '' } });
    fillIn();
    const code = await screen.findByLabelText('Authentication code');

    fireEvent.change(code, { target: { value: '12a4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(screen.getByRole('alert').textContent).toContain('6-digit code');
    expect(bridge.login).toHaveBeenCalledTimes(1);
  });

  it('says a wrong code is wrong, and Back returns to an empty password field', async () => {
    const { bridge } = await loggedOut();
    bridge.login
      .mockResolvedValueOnce({ ok: false, error: { code: 'mfa_required', message: '' } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'bad_credentials', message: '' } });
    fillIn();
    fireEvent.change(await screen.findByLabelText('Authentication code'), {
      target: { value: '000000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect((await screen.findByRole('alert')).textContent).toContain("That code didn't work");

    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Username')).toHaveProperty('value', 'alice');
  });
});

describe('log-in: refusals', () => {
  it('says when a locked account may try again, in local time', async () => {
    const { bridge } = await loggedOut();
    const retryAt = Date.now() + 5 * 60_000;
    bridge.login.mockResolvedValue({
      ok: false,
      error: { code: 'account_locked', message: 'locked', retryAt },
    });

    fillIn();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`Too many failed attempts. Try again at ${shortTime(retryAt)}.`);
    expect(screen.getByText(/^You can try again in [45]:\d\d\.$/)).toBeTruthy();
  });

  it('says when a rate-limited log-in may try again', async () => {
    const { bridge } = await loggedOut();
    const retryAt = Date.now() + 30_000;
    bridge.login.mockResolvedValue({
      ok: false,
      error: { code: 'rate_limited', message: 'slow', retryAt },
    });

    fillIn();

    expect((await screen.findByRole('alert')).textContent).toBe(
      `Too many failed attempts. Try again at ${shortTime(retryAt)}.`,
    );
  });

  it("shows the server's password rule as worded", async () => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValue({
      ok: false,
      error: { code: 'password_policy', message: 'Your password has expired; set a new one.' },
    });

    fillIn();

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your password has expired; set a new one.',
    );
  });

  it('explains a refused certificate with its details and no way to connect anyway', async () => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValue({
      ok: false,
      error: { code: 'certificate_refused', message: 'pin mismatch', certificate },
    });

    fillIn();

    const panel = await screen.findByRole('alert');
    const text = panel.textContent ?? '';
    expect(text).toContain('does not match the pinned key');
    expect(text).toContain('CN=Evil Proxy CA');
    expect(text).toContain('CN=chat.test');
    expect(text).toContain('AB:CD:EF:01:23:45:67:89');
    expect(text).toContain('Tell your IT team:');
    expect(within(panel).queryAllByRole('button')).toEqual([]);
    expect(within(panel).queryAllByRole('link')).toEqual([]);
    const names = screen.getAllByRole('button').map((button) => button.textContent ?? '');
    expect(names.filter((name) => /anyway|continue|proceed|trust/i.test(name))).toEqual([]);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it.each<[CertificateProblem['reason'], string]>([
    ['expired', 'expired on'],
    ['not_yet_valid', 'not valid yet'],
    ['wrong_host', 'different server, not for chat.test'],
    ['unknown_issuer', 'authority this computer does not trust'],
  ])('gives the reason for a %s certificate in plain words', async (reason, words) => {
    const { bridge } = await loggedOut();
    bridge.login.mockResolvedValue({
      ok: false,
      error: { code: 'certificate_refused', message: '', certificate: { ...certificate, reason } },
    });

    fillIn();

    expect((await screen.findByRole('alert')).textContent).toContain(words);
  });

  it('keeps the session-end reason on the log-in screen', async () => {
    const fake = installFakeBridge();
    fake.bridge.getSnapshot.mockResolvedValue({
      ok: true,
      value: snapshot({ session: aliceSession }),
    });
    await renderApp();
    await screen.findByRole('button', { name: 'Log out' });

    fake.emit([{ type: 'session', session: null, reason: 'Your session expired.' }]);

    expect(screen.getByRole('alert').textContent).toBe('Your session expired.');
  });
});
