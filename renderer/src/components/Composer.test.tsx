// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { SendReceipt } from '../../../common/bridge';
import type { Result } from '../../../common/result';
import { deferred, installFakeBridge } from '../test/fake-bridge';
import { alice, general, message } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function signedIn() {
  const fake = installFakeBridge();
  await renderApp();
  const input = await screen.findByLabelText('Message #general');
  return { ...fake, input };
}

function type(input: HTMLElement, text: string, key: { shiftKey?: boolean } = {}) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', ...key });
}

describe('composer', () => {
  it('sends on Enter with a fresh clientId and shows the message as pending at once', async () => {
    const { bridge, input } = await signedIn();
    const ack = deferred<Result<SendReceipt>>();
    bridge.sendMessage.mockReturnValue(ack.promise);

    type(input, '  hello there  ');

    expect(bridge.sendMessage).toHaveBeenCalledTimes(1);
    const sent = bridge.sendMessage.mock.calls[0]?.[0];
    expect(sent).toMatchObject({ channelId: general.id, body: 'hello there' });
    expect(sent?.clientId).toMatch(UUID);

    const log = screen.getByRole('log', { name: 'Messages in #general' });
    const pending = within(log).getByRole('article');
    expect(pending.textContent).toContain('hello there');
    expect(pending.textContent).toContain('Sending…');
    expect(input).toHaveProperty('value', '');

    const stored = message({ authorId: alice.id, clientId: sent?.clientId, body: 'hello there' });
    ack.resolve({ ok: true, value: { clientId: stored.clientId, state: 'sent', message: stored } });

    await waitFor(() => expect(log.textContent).not.toContain('Sending…'));
    const article = within(log).getByRole('article');
    expect(article.getAttribute('data-message-id')).toBe(stored.id);
    expect(article.textContent).toContain('hello there');
  });

  it('keeps Shift+Enter as a new line instead of sending', async () => {
    const { bridge, input } = await signedIn();

    type(input, 'line one', { shiftKey: true });

    expect(bridge.sendMessage).not.toHaveBeenCalled();
  });

  it('offers Retry after a failed send and resends with the same clientId', async () => {
    const { bridge, input } = await signedIn();

    type(input, 'are you there?');

    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByRole('log').textContent).toContain('Not sent.');

    const firstId = bridge.sendMessage.mock.calls[0]?.[0].clientId;
    fireEvent.click(retry);

    expect(bridge.sendMessage).toHaveBeenCalledTimes(2);
    expect(bridge.sendMessage.mock.calls[1]?.[0].clientId).toBe(firstId);
  });

  it('does not send an empty message', async () => {
    const { bridge, input } = await signedIn();

    type(input, '   \n ');

    expect(bridge.sendMessage).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });

  it('tells main the user is typing', async () => {
    const { bridge, input } = await signedIn();
    // Earlier tests typed here too: move the clock past the notifier's interval.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);

    fireEvent.change(input, { target: { value: 'h' } });
    fireEvent.change(input, { target: { value: 'he' } });

    expect(bridge.notifyTyping).toHaveBeenCalledTimes(1);
    expect(bridge.notifyTyping).toHaveBeenCalledWith({ channelId: general.id });
    vi.useRealTimers();
  });

  it('shows a counter near the length limit', async () => {
    const { input } = await signedIn();

    fireEvent.change(input, { target: { value: 'x'.repeat(7_900) } });

    expect(screen.getByText('100 characters left')).toBeTruthy();
  });
});
