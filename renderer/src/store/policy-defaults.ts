import type { UpdateStatus } from '../../../common/bridge';
import type { EffectivePolicy } from '../../../common/policy';

/**
 * What the renderer assumes until the first snapshot says otherwise. It mirrors main's own
 * defaults; the snapshot always replaces it, so it only matters for the first frame (and for a
 * main process that predates the policy contract).
 */
export const FALLBACK_POLICY: EffectivePolicy = {
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

export const NO_UPDATE: UpdateStatus = { state: 'idle', version: null, message: null };
