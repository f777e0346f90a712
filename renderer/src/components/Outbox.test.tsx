// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { SendReceipt } from '../../../common/bridge';
import type { Result } from '../../../common/result';
import { deferred, installFakeBridge } from '../test/fake-bridge';
import { alice, message, outboxEntry, snapshot } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

async function signedIn(overrides: Parameters<typeof snapshot>[0] = {}) {
  const fake = installFakeBridge();
  fake.bridge.getSnapshot.mockResolvedValue({ ok: true, value: snapshot(overrides) });
  await renderApp();
  const log = await screen.findByRole('log', { name: 'Messages in #general' });
  return { ...fake, log };
}

function rowOf(log: HTMLElement, clientId: string): HTMLElement | null {
  return log.querySelector<HTMLElement>(`article[data-client-id="${clientId}"]`);
}

describe('outbox rows', () => {
  it('shows the outbox from the snapshot, waiting for a connection while offline', async () => {
    const entry = outboxEntry({ body: 'written on the train' });
    const { log } = await signedIn({ connection: 'offline', outbox: [entry] });

    const row = rowOf(log, entry.clientId);
    expect(row?.getAttribute('data-status')).toBe('pending');
    expect(row?.textContent).toContain('written on the train');
    expect(row?.textContent).toContain('Waiting for connection…');
    expect(screen.getByRole('status').textContent).toBe(
      "Offline — messages will be sent when you're back online.",
    );
  });

  it('follows outbox events: sending, then failed with the reason', async () => {
    const { log, emit } = await signedIn();
    const entry = outboxEntry({ state: 'sending' });

    emit([{ type: 'outbox', entries: [entry] }]);
    expect(rowOf(log, entry.clientId)?.textContent).toContain('Sending…');

    emit([{ type: 'outbox', entries: [{ ...entry, state: 'failed', error: 'Too long.' }] }]);
    const row = rowOf(log, entry.clientId);
    expect(row?.getAttribute('data-status')).toBe('failed');
    expect(row?.textContent).toContain('Not sent. Too long.');
  });

  it('retries and discards a failed entry through main', async () => {
    const failed = outboxEntry({ state: 'failed', error: 'The server refused it.' });
    const other = outboxEntry({ state: 'failed', error: 'The server refused it.' });
    const { log, bridge } = await signedIn({ outbox: [failed, other] });

    fireEvent.click(within(rowOf(log, failed.clientId)!).getByRole('button', { name: 'Retry' }));
    expect(bridge.retrySend).toHaveBeenCalledWith({ clientId: failed.clientId });

    fireEvent.click(within(rowOf(log, other.clientId)!).getByRole('button', { name: 'Discard' }));
    expect(bridge.discardUnsent).toHaveBeenCalledWith({ clientId: other.clientId });
    await waitFor(() => expect(rowOf(log, other.clientId)).toBeNull());
  });

  it('disappears when the message with the same clientId arrives', async () => {
    const entry = outboxEntry();
    const { log, emit } = await signedIn({ outbox: [entry] });

    const stored = message({ authorId: alice.id, clientId: entry.clientId, body: entry.body });
    emit([{ type: 'message', message: stored }]);

    expect(rowOf(log, entry.clientId)).toBeNull();
    expect(log.querySelector(`article[data-message-id="${stored.id}"]`)).toBeTruthy();
  });

  it('keeps one row from the click through the queued receipt and the outbox event', async () => {
    const { log, bridge, emit } = await signedIn();
    const receipt = deferred<Result<SendReceipt>>();
    bridge.sendMessage.mockReturnValue(receipt.promise);
    const input = screen.getByLabelText('Message #general');

    fireEvent.change(input, { target: { value: 'queued one' } });
    fireEvent.keyDown(input, { key: 'Enter' });

    const clientId = bridge.sendMessage.mock.calls[0]![0].clientId;
    const seen = () => log.querySelectorAll(`article[data-client-id="${clientId}"]`).length;
    expect(seen()).toBe(1);

    receipt.resolve({ ok: true, value: { clientId, state: 'queued' } });
    await waitFor(() => expect(bridge.sendMessage).toHaveBeenCalledTimes(1));
    expect(seen()).toBe(1);

    const entry = outboxEntry({ clientId, body: 'queued one', createdAt: Date.now() });
    emit([{ type: 'outbox', entries: [entry] }]);
    expect(seen()).toBe(1);

    emit([
      { type: 'outbox', entries: [] },
      { type: 'message', message: message({ authorId: alice.id, clientId, body: 'queued one' }) },
    ]);
    expect(seen()).toBe(0);
    expect(log.textContent).toContain('queued one');
  });
});
