import type { Agent } from 'node:http';

import { io } from 'socket.io-client';

export type SocketOutcome = { connected: true } | { connected: false; error: Error };

/**
 * One socket.io connection attempt with the given agent and transports, no retries, bounded in
 * time; `auth` carries the token as the core sends it.
 */
export function trySocket(
  url: string,
  agent: Agent,
  transports: ('websocket' | 'polling')[],
  auth: Record<string, unknown>,
  timeoutMs = 5_000,
): Promise<SocketOutcome> {
  const socket = io(url, {
    transports,
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    // In Node, socket.io-client hands `agent` to ws (WebSocket) and to its XHR (polling).
    agent: agent as unknown as boolean,
    auth,
  });

  return new Promise((resolve) => {
    const finish = (outcome: SocketOutcome) => {
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ connected: false, error: new Error('timed out') }), timeoutMs); // prettier-ignore
    socket.on('connect', () => finish({ connected: true }));
    socket.on('connect_error', (error) => finish({ connected: false, error }));
  });
}
