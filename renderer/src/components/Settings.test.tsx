// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { installFakeBridge } from '../test/fake-bridge';
import { alice, general, message, policy, random, snapshot } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

async function signedIn(overrides: Parameters<typeof snapshot>[0] = {}) {
  const fake = installFakeBridge();
  fake.bridge.getSnapshot.mockResolvedValue({ ok: true, value: snapshot(overrides) });
  await renderApp();
  await screen.findByRole('log', { name: 'Messages in #general' });
  return fake;
}

function openSettings() {
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return screen.getByRole('dialog', { name: 'Settings' });
}

describe('settings', () => {
  it('shows the effective policy read-only with where each value came from', async () => {
    await signedIn({
      policy: policy({
        allowEditDelete: false,
        origins: { allowEditDelete: 'server', update: 'machine', allowRememberLogin: 'locked' },
      }),
    });

    const dialog = openSettings();

    expect(dialog.textContent).toContain('Managed by your organisation');
    const row = (key: string) => dialog.querySelector(`tr[data-policy-key="${key}"]`);
    expect(row('allowEditDelete')?.textContent).toContain('No');
    expect(row('allowEditDelete')?.textContent).toContain('server');
    expect(row('update')?.textContent).toContain('machine');
    expect(row('allowRememberLogin')?.textContent).toContain('locked');
    expect(row('notificationContent')?.textContent).toContain('default');
    expect(within(dialog).queryAllByRole('checkbox')).toEqual([]);
  });

  it('lists policy problems prominently', async () => {
    await signedIn({
      policy: policy({
        problems: [
          {
            source: '/etc/parley/policy.json',
            key: 'update.mode',
            message: 'expected one of off, notify, automatic',
          },
        ],
      }),
    });

    expect(screen.getByText(/policy has an error/)).toBeTruthy();
    const dialog = openSettings();

    expect(dialog.textContent).toContain(
      "Your organisation's policy file /etc/parley/policy.json has an error at update.mode: expected one of off, notify, automatic; Parley is running with the strictest settings.",
    );
  });

  it('changes the password and shows the server rule as worded when refused', async () => {
    const { bridge } = await signedIn();
    bridge.changePassword.mockResolvedValueOnce({
      ok: false,
      error: { code: 'password_policy', message: 'Use at least 12 characters.' },
    });
    const dialog = openSettings();
    const fill = (current: string, next: string, confirm: string) => {
      fireEvent.change(within(dialog).getByLabelText('Current password'), {
        target: { value: current },
      });
      fireEvent.change(within(dialog).getByLabelText('New password'), { target: { value: next } });
      fireEvent.change(within(dialog).getByLabelText('Confirm new password'), {
        target: { value: confirm },
      });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
    };

    fill('old', 'short', 'other');
    expect(within(dialog).getByRole('alert').textContent).toBe("The new passwords don't match.");
    expect(bridge.changePassword).not.toHaveBeenCalled();

    fill('old', 'short', 'short');
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe('Use at least 12 characters.'),
    );

    fill('old', 'a much longer one', 'a much longer one');
    await within(dialog).findByText(/Your password was changed/);
    expect(bridge.changePassword).toHaveBeenLastCalledWith({
      currentPassword: 'old',
      newPassword: 'a much longer one',
    });
    expect(within(dialog).getByLabelText('New password')).toHaveProperty('value', '');
  });

  it('rotates the cache key on request', async () => {
    const { bridge } = await signedIn();
    const dialog = openSettings();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate cache key' }));

    await within(dialog).findByText(/protected by a new key/);
    expect(bridge.rotateCacheKey).toHaveBeenCalledWith({});
  });

  it('closes on Escape', async () => {
    await signedIn();
    const dialog = openSettings();

    fireEvent.keyDown(dialog, { key: 'Escape' });

    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('policy in the message list', () => {
  it('hides Edit and Delete when policy forbids them', async () => {
    const fake = installFakeBridge();
    const mine = message({ authorId: alice.id, body: 'mine' });
    fake.bridge.loadMessages.mockResolvedValue({
      ok: true,
      value: { messages: [mine], hasMore: false },
    });
    fake.bridge.getSnapshot.mockResolvedValue({
      ok: true,
      value: snapshot({ policy: policy({ allowEditDelete: false }) }),
    });
    await renderApp();
    const log = await screen.findByRole('log');
    await within(log).findByText('mine');

    expect(within(log).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(log).queryByRole('button', { name: 'Delete' })).toBeNull();

    fake.emit([{ type: 'policy', policy: policy({ allowEditDelete: true }) }]);
    expect(within(log).getByRole('button', { name: 'Edit' })).toBeTruthy();
  });
});

describe('updates', () => {
  it('offers Restart to install once an update is ready, and installs on request', async () => {
    const { bridge, emit } = await signedIn();
    expect(screen.queryByRole('button', { name: 'Restart to install' })).toBeNull();

    emit([{ type: 'update', update: { state: 'ready', version: '1.4.0', message: null } }]);

    expect(screen.getByText(/Parley 1\.4\.0 is ready/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart to install' }));
    expect(bridge.installUpdate).toHaveBeenCalledWith({});
  });

  it('shows a download in progress and errors in Settings only', async () => {
    const { emit } = await signedIn();

    emit([{ type: 'update', update: { state: 'error', version: null, message: 'bad signature' } }]);
    expect(screen.queryByText(/bad signature/)).toBeNull();
    expect(openSettings().textContent).toContain('bad signature');

    emit([{ type: 'update', update: { state: 'downloading', version: '1.5.0', message: null } }]);
    expect(screen.getByRole('dialog').textContent).toContain('Downloading update 1.5.0…');
  });
});

describe('notifications and focus', () => {
  it('tells main which channel is open and whether the window has focus', async () => {
    const { bridge } = await signedIn();

    expect(bridge.setActiveChannel).toHaveBeenCalledWith({
      channelId: general.id,
      windowFocused: expect.any(Boolean),
    });

    fireEvent.blur(window);
    expect(bridge.setActiveChannel).toHaveBeenLastCalledWith({
      channelId: general.id,
      windowFocused: false,
    });

    fireEvent.click(screen.getByRole('button', { name: /^# random/ }));
    await waitFor(() =>
      expect(bridge.setActiveChannel).toHaveBeenLastCalledWith({
        channelId: random.id,
        windowFocused: expect.any(Boolean),
      }),
    );
  });

  it('sets the notification mode per channel, starting from the snapshot', async () => {
    const { bridge } = await signedIn({ notificationModes: { [general.id]: 'mentions' } });
    const select = screen.getByRole('combobox', { name: 'Notifications for #general' });
    expect(select).toHaveProperty('value', 'mentions');

    fireEvent.change(select, { target: { value: 'none' } });

    expect(bridge.setChannelNotifications).toHaveBeenCalledWith({
      channelId: general.id,
      mode: 'none',
    });
    expect(select).toHaveProperty('value', 'none');
  });

  it('opens the channel of a clicked notification and highlights the message', async () => {
    const { emit } = await signedIn();
    const wanted = message({ channelId: random.id, body: 'look here' });
    emit([{ type: 'message', message: wanted }]);

    emit([{ type: 'focusMessage', channelId: random.id, messageId: wanted.id }]);

    const log = await screen.findByRole('log', { name: 'Messages in #random' });
    await waitFor(() =>
      expect(log.querySelector(`article[data-message-id="${wanted.id}"]`)?.className).toContain(
        'is-highlighted',
      ),
    );
  });

  it('shows notices from main until dismissed', async () => {
    const { emit } = await signedIn();
    const text = 'Your local cache could not be read and was rebuilt from the server.';

    emit([{ type: 'notice', level: 'warning', text }]);

    const area = screen.getByRole('region', { name: 'Notifications' });
    expect(area.getAttribute('aria-live')).toBe('polite');
    expect(area.textContent).toContain(text);

    fireEvent.click(within(area).getByRole('button', { name: 'Dismiss notice' }));
    expect(area.textContent).not.toContain(text);
  });
});
