import type { EffectivePolicy } from '../../../common/policy';

/** What applies where no policy source speaks: secure, but not locked down. */
export const DEFAULT_POLICY: EffectivePolicy = {
  allowedServers: null,
  defaultServer: null,
  extraCaFiles: [],
  certificatePins: {},
  update: { mode: 'notify', channel: 'stable', feedUrl: null },
  notificationContent: 'sender_and_channel',
  eraseCacheOnRevocation: false,
  allowRememberLogin: true,
  allowEditDelete: true,
  origins: {},
  problems: [],
};
