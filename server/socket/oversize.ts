/**
 * True when socket.io dropped a connection because a frame exceeded `maxHttpBufferSize`. The
 * WebSocket library refuses the frame with "Max payload size exceeded"; engine.io passes that
 * error on as the disconnect's description with the reason "transport error". Only the fact is
 * logged, never the frame.
 */
export function isOversizeDrop(reason: string, description: unknown): boolean {
  return (
    reason === 'transport error' &&
    description instanceof Error &&
    description.message.includes('Max payload size exceeded')
  );
}
