import { describe, expect, it, vi } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import { createDeepLinkRouter } from './route';

function router(currentServer: string | null) {
  const emitted: BridgeEvent[] = [];
  const logged: Array<{ fields: Record<string, unknown>; event: string }> = [];
  const record = (fields: Record<string, unknown>, event: string) => logged.push({ fields, event });
  const showWindow = vi.fn();
  const route = createDeepLinkRouter({
    currentServer: () => currentServer,
    emit: (events) => emitted.push(...events),
    showWindow,
    log: { info: record, warn: record },
  });
  return { route, emitted, logged, showWindow };
}

const link = 'parley://open?server=https://chat.example.com&channel=c1&message=m1';

describe('deep link routing', () => {
  it('shows the window and focuses the message on the signed-in server', () => {
    const { route, emitted, showWindow } = router('https://chat.example.com');

    route(link);

    expect(showWindow).toHaveBeenCalledOnce();
    expect(emitted).toEqual([{ type: 'focusMessage', channelId: 'c1', messageId: 'm1' }]);
  });

  it('matches the server by origin, whatever path the session URL has', () => {
    const { route, emitted } = router('https://chat.example.com/');

    route(link);

    expect(emitted).toEqual([{ type: 'focusMessage', channelId: 'c1', messageId: 'm1' }]);
  });

  it('never acts on a link for another server: a warning notice instead', () => {
    const { route, emitted } = router('https://other.example.com');

    route(link);

    expect(emitted).toEqual([
      { type: 'notice', level: 'warning', text: expect.stringContaining('different server') },
    ]);
  });

  it('asks to sign in first while signed out', () => {
    const { route, emitted } = router(null);

    route(link);

    expect(emitted).toEqual([{ type: 'notice', level: 'info', text: expect.any(String) }]);
  });

  it('routes an SSO callback to a "not supported yet" notice, logging no value from it', () => {
    const { route, emitted, logged } = router('https://chat.example.com');

    route('parley://sso/callback?state=secret-state-1&code=secret-code-12');

    expect(emitted).toEqual([
      { type: 'notice', level: 'info', text: 'Single sign-on is not supported yet.' },
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/secret/);
  });

  it('refuses a bad link silently for the user, logging the reason and no part of the link', () => {
    const { route, emitted, logged, showWindow } = router('https://chat.example.com');

    route('parley://open?server=https://chat.example.com&token=secret-token');

    expect(emitted).toEqual([]);
    expect(showWindow).not.toHaveBeenCalled();
    expect(logged).toEqual([
      { fields: { reason: 'invalid_parameters' }, event: 'deep_link.refused' },
    ]);
  });
});
