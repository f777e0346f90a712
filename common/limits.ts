/** Size limits shared by client and server; both sides enforce them. */
export const LIMITS = {
  messageBodyChars: 8_000,
  usernameChars: 64,
  passwordChars: 1_024,
  displayNameChars: 100,
  channelNameChars: 80,
  historyPageMax: 200,
  syncBatchMax: 500,
  socketPayloadBytes: 64 * 1024,
  restBodyBytes: 16 * 1024,
} as const;
