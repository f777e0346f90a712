// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { SearchHit } from '../../../common/bridge';
import { useStore } from '../store/store';
import { installFakeBridge } from '../test/fake-bridge';
import { general, message, random } from '../test/fixtures';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

function hit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    message: message({ body: 'deploy the thing' }),
    channelName: 'general',
    authorName: 'Bob',
    segments: [
      { text: 'please ', match: false },
      { text: 'deploy', match: true },
      { text: ' the thing', match: false },
    ],
    ...overrides,
  };
}

async function search(query: string) {
  const box = screen.getByRole('searchbox', { name: 'Search messages' });
  fireEvent.change(box, { target: { value: query } });
  return screen.findByRole('region', { name: 'Search results' });
}

describe('local search', () => {
  it('searches after a pause and marks only the matching words', async () => {
    const { bridge } = installFakeBridge();
    bridge.searchMessages.mockResolvedValue({ ok: true, value: [hit()] });
    await renderApp();

    const panel = await search('deploy');

    await waitFor(() => expect(panel.querySelectorAll('mark')).toHaveLength(1));
    expect(bridge.searchMessages).toHaveBeenCalledTimes(1);
    expect(bridge.searchMessages).toHaveBeenCalledWith({ query: 'deploy' });
    expect(panel.querySelector('mark')?.textContent).toBe('deploy');
    const text = panel.textContent ?? '';
    expect(text).toContain('#general');
    expect(text).toContain('Bob');
    expect(text).toContain('please deploy the thing');
  });

  it('shows markup in a hit as text, never as HTML', async () => {
    const { bridge } = installFakeBridge();
    bridge.searchMessages.mockResolvedValue({
      ok: true,
      value: [
        hit({
          segments: [
            { text: '<script>alert(1)</script> ', match: false },
            { text: '<b>x</b>', match: true },
            { text: ' <img src=x onerror=alert(2)>', match: false },
          ],
        }),
      ],
    });
    await renderApp();

    const panel = await search('x');

    await waitFor(() => expect(panel.textContent).toContain('<script>alert(1)</script>'));
    expect(panel.querySelector('script, b, img')).toBeNull();
    expect(panel.querySelector('mark')?.textContent).toBe('<b>x</b>');
    expect(panel.textContent).toContain('<img src=x onerror=alert(2)>');
  });

  it('says so when nothing matches, and Escape closes the results', async () => {
    installFakeBridge();
    await renderApp();

    const panel = await search('nothing-like-this');

    await waitFor(() => expect(panel.textContent).toBe('No messages match.'));
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search messages' }), {
      key: 'Escape',
    });
    expect(screen.queryByRole('region', { name: 'Search results' })).toBeNull();
  });

  it('opens a hit: loads the page around it, opens its channel and highlights it', async () => {
    const { bridge } = installFakeBridge();
    const far = message({ channelId: random.id, seq: 500, body: 'deploy long ago' });
    bridge.searchMessages.mockResolvedValue({
      ok: true,
      value: [hit({ message: far, channelName: 'random' })],
    });
    bridge.loadMessages.mockImplementation(async ({ beforeSeq }) => ({
      ok: true,
      value: { messages: beforeSeq === undefined ? [] : [far], hasMore: true },
    }));
    await renderApp();

    const panel = await search('deploy');
    fireEvent.click(await within(panel).findByRole('button', { name: /deploy/ }));

    const log = await screen.findByRole('log', { name: 'Messages in #random' });
    await waitFor(() =>
      expect(bridge.loadMessages).toHaveBeenCalledWith({ channelId: random.id, beforeSeq: 525 }),
    );
    const article = await waitFor(() => {
      const found = log.querySelector(`article[data-message-id="${far.id}"]`);
      if (!found) throw new Error('not yet');
      return found;
    });
    await waitFor(() => expect(article.className).toContain('is-highlighted'));
    expect(screen.queryByRole('region', { name: 'Search results' })).toBeNull();
  });

  it('focuses the search box on Ctrl+F', async () => {
    installFakeBridge();
    await renderApp();

    act(() => {
      fireEvent.keyDown(document, { key: 'f', ctrlKey: true });
    });

    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search messages' }));
    expect(useStore.getState().currentChannelId).toBe(general.id);
  });
});
