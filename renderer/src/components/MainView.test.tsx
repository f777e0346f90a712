// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { installFakeBridge } from '../test/fake-bridge';
import { alice, bob, general, message, random } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

async function withHistory() {
  const fake = installFakeBridge();
  const mine = message({ authorId: alice.id, body: 'my words' });
  const theirs = message({ authorId: bob.id, body: 'their words' });
  fake.bridge.loadMessages.mockResolvedValue({
    ok: true,
    value: { messages: [theirs, mine], hasMore: false },
  });

  await renderApp();
  const log = await screen.findByRole('log', { name: 'Messages in #general' });
  await within(log).findByText('my words');
  return { ...fake, log, mine, theirs };
}

function articleOf(log: HTMLElement, id: string): HTMLElement {
  const article = log.querySelector<HTMLElement>(`article[data-message-id="${id}"]`);
  if (!article) throw new Error(`no article for ${id}`);
  return article;
}

describe('main view', () => {
  it('loads the open channel and shows author names and messages', async () => {
    const { bridge, log, theirs } = await withHistory();

    expect(bridge.loadMessages).toHaveBeenCalledWith({ channelId: general.id });
    expect(articleOf(log, theirs.id).textContent).toContain('Bob');
    expect(log.textContent).toContain('This is the very beginning of #general.');
  });

  it('offers Edit and Delete on own messages only', async () => {
    const { log, mine, theirs } = await withHistory();

    expect(within(articleOf(log, mine.id)).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(articleOf(log, theirs.id)).queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('edits inline: Enter saves, and the message shows (edited)', async () => {
    const { bridge, log, mine } = await withHistory();
    bridge.editMessage.mockResolvedValue({
      ok: true,
      value: { ...mine, body: 'better words', rev: 10, editedAt: mine.createdAt + 1 },
    });

    fireEvent.click(within(articleOf(log, mine.id)).getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Edit message' });
    fireEvent.change(box, { target: { value: 'better words' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    await waitFor(() => expect(articleOf(log, mine.id).textContent).toContain('(edited)'));
    expect(bridge.editMessage).toHaveBeenCalledWith({ messageId: mine.id, body: 'better words' });
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
  });

  it('cancels an edit on Escape', async () => {
    const { bridge, log, mine } = await withHistory();

    fireEvent.click(within(articleOf(log, mine.id)).getByRole('button', { name: 'Edit' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Edit message' }), { key: 'Escape' });

    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(bridge.editMessage).not.toHaveBeenCalled();
  });

  it('asks in a dialog before deleting, then shows the message as deleted', async () => {
    const { bridge, log, mine } = await withHistory();
    bridge.deleteMessage.mockResolvedValue({
      ok: true,
      value: { ...mine, body: '', deleted: true, rev: 11 },
    });

    fireEvent.click(within(articleOf(log, mine.id)).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog');
    expect(bridge.deleteMessage).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() =>
      expect(articleOf(log, mine.id).textContent).toContain('This message was deleted.'),
    );
    expect(bridge.deleteMessage).toHaveBeenCalledWith({ messageId: mine.id });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('badges unread messages in other channels and clears them on opening', async () => {
    const { emit } = await withHistory();

    emit([
      { type: 'message', message: message({ channelId: random.id }) },
      { type: 'message', message: message({ channelId: random.id }) },
    ]);

    const nav = screen.getByRole('navigation', { name: 'Channels' });
    const button = within(nav).getByRole('button', { name: /^# random/ });
    expect(within(button).getByLabelText('2 unread')).toBeTruthy();

    fireEvent.click(button);

    expect(await screen.findByRole('log', { name: 'Messages in #random' })).toBeTruthy();
    expect(within(button).queryByLabelText(/unread/)).toBeNull();
  });

  it('shows the connection state in a status banner, hidden when online', async () => {
    const { emit } = await withHistory();

    expect(screen.queryByRole('status')).toBeNull();

    emit([{ type: 'connection', state: 'reconnecting' }]);
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');

    emit([{ type: 'connection', state: 'offline' }]);
    expect(screen.getByRole('status').textContent).toBe(
      "Offline — messages will be sent when you're back online.",
    );
  });

  it('shows who is typing', async () => {
    const { emit } = await withHistory();

    emit([{ type: 'typing', channelId: general.id, userId: bob.id }]);

    expect(screen.getByText('Bob is typing…')).toBeTruthy();
  });
});
