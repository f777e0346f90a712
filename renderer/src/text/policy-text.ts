import type { EffectivePolicy, PolicyKey, PolicyProblem } from '../../../common/policy';

export interface PolicyLine {
  key: PolicyKey;
  label: string;
  value: string;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const listOr = (values: readonly string[], empty: string) =>
  values.length > 0 ? values.join(', ') : empty;

/** Every policy key, in plain words, with its effective value. */
export function policyLines(policy: EffectivePolicy): PolicyLine[] {
  const pins = Object.entries(policy.certificatePins);
  const { update } = policy;

  return [
    {
      key: 'allowedServers',
      label: 'Allowed servers',
      value: policy.allowedServers === null ? 'Any server' : listOr(policy.allowedServers, 'None'),
    },
    { key: 'defaultServer', label: 'Default server', value: policy.defaultServer ?? 'None' },
    {
      key: 'extraCaFiles',
      label: 'Extra certificate authorities',
      value: listOr(policy.extraCaFiles, 'None'),
    },
    {
      key: 'certificatePins',
      label: 'Pinned certificates',
      value: listOr(
        pins.map(
          ([origin, keys]) => `${origin} (${keys.length} ${keys.length === 1 ? 'key' : 'keys'})`,
        ),
        'None',
      ),
    },
    {
      key: 'update',
      label: 'Updates',
      value: `${updateModeText(update.mode)}, ${update.channel} channel${update.feedUrl ? `, from ${update.feedUrl}` : ''}`,
    },
    {
      key: 'notificationContent',
      label: 'Notifications show',
      value: notificationContentText(policy.notificationContent),
    },
    {
      key: 'eraseCacheOnRevocation',
      label: 'Erase local messages when a session is ended',
      value: yesNo(policy.eraseCacheOnRevocation),
    },
    {
      key: 'allowRememberLogin',
      label: 'Remember log-in',
      value: yesNo(policy.allowRememberLogin),
    },
    {
      key: 'allowEditDelete',
      label: 'Edit and delete messages',
      value: yesNo(policy.allowEditDelete),
    },
  ];
}

function updateModeText(mode: EffectivePolicy['update']['mode']): string {
  if (mode === 'off') return 'Off';
  return mode === 'notify' ? 'Ask before installing' : 'Automatic';
}

function notificationContentText(content: EffectivePolicy['notificationContent']): string {
  if (content === 'full') return 'Sender, channel and message';
  return content === 'sender_and_channel' ? 'Sender and channel only' : 'Sender only';
}

/** "Your organisation's policy file /etc/parley/policy.json has an error at update.mode: …" */
export function policyProblemText(problem: PolicyProblem): string {
  const kind = /\.json$/i.test(problem.source) ? 'policy file' : 'policy';
  const where = problem.key === null ? 'could not be read' : `has an error at ${problem.key}`;

  return `Your organisation's ${kind} ${problem.source} ${where}: ${problem.message}; Parley is running with the strictest settings.`;
}
