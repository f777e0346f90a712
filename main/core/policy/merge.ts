import type {
  EffectivePolicy,
  PolicyKey,
  PolicyOrigin,
  PolicySource,
} from '../../../common/policy';
import { DEFAULT_POLICY } from './defaults';
import type { CheckedSource } from './source-check';
import { addPins, intersectServers, morePrivate } from './strictness';

/** A setting a source gave that it may not give (a user file adding a trust root, say). */
export interface IgnoredSetting {
  source: string;
  key: string;
  reason: string;
}

export function freshPolicy(): EffectivePolicy {
  return structuredClone(DEFAULT_POLICY);
}

function setOrigin(policy: EffectivePolicy, key: PolicyKey, origin: PolicyOrigin): void {
  policy.origins[key] = origin;
}

/**
 * The keys where a stricter value always wins, whoever says it: servers narrow, pins add new
 * origins, notifications get more private, and each boolean moves towards its safer value.
 */
export function applyRestrictions(
  policy: EffectivePolicy,
  values: PolicySource,
  origin: PolicyOrigin,
  source: string,
  ignored: IgnoredSetting[],
): void {
  if (values.allowedServers) {
    policy.allowedServers = intersectServers(policy.allowedServers, values.allowedServers);
    setOrigin(policy, 'allowedServers', origin);
  }

  if (values.certificatePins) {
    const { pins, ignored: kept } = addPins(policy.certificatePins, values.certificatePins);
    policy.certificatePins = pins;
    setOrigin(policy, 'certificatePins', policy.origins.certificatePins ?? origin);
    for (const pinned of kept) {
      ignored.push({ source, key: `certificatePins.${pinned}`, reason: 'already pinned' });
    }
  }

  const content = values.notificationContent;
  if (content) {
    const replace = mayReplace(policy, 'notificationContent', origin);
    const next = replace ? content : morePrivate(policy.notificationContent, content);
    if (replace || next !== policy.notificationContent) {
      policy.notificationContent = next;
      setOrigin(policy, 'notificationContent', origin);
    }
  }

  restrictBoolean(policy, values, 'eraseCacheOnRevocation', true, origin);
  restrictBoolean(policy, values, 'allowRememberLogin', false, origin);
  restrictBoolean(policy, values, 'allowEditDelete', false, origin);
}

function restrictBoolean(
  policy: EffectivePolicy,
  values: PolicySource,
  key: 'eraseCacheOnRevocation' | 'allowRememberLogin' | 'allowEditDelete',
  safer: boolean,
  origin: PolicyOrigin,
): void {
  const value = values[key];
  if (value === undefined) return;

  if (mayReplace(policy, key, origin) || (value === safer && policy[key] !== safer)) {
    policy[key] = value;
    setOrigin(policy, key, origin);
  }
}

/**
 * The defaults are a baseline that only IT may loosen: the first machine source to speak on a
 * key sets it outright; everyone after (more machine sources, the user, the server) only tightens.
 */
function mayReplace(policy: EffectivePolicy, key: PolicyKey, origin: PolicyOrigin): boolean {
  return origin === 'machine' && policy.origins[key] === undefined;
}

/**
 * Settings only IT chooses: the update feed and mode, the default server, extra trust roots.
 * Among machine sources the OS-native store (registry, managed preferences) comes first, so
 * the first source to give a value wins; extra CA files add up.
 */
export function applyMachineChoices(policy: EffectivePolicy, sources: CheckedSource[]): void {
  for (const { values } of [...sources].reverse()) {
    if (values.defaultServer) {
      policy.defaultServer = values.defaultServer;
      setOrigin(policy, 'defaultServer', 'machine');
    }

    if (values.update) {
      policy.update = { ...policy.update, ...definedOnly(values.update) };
      setOrigin(policy, 'update', 'machine');
    }

    if (values.extraCaFiles) {
      policy.extraCaFiles = [...new Set([...policy.extraCaFiles, ...values.extraCaFiles])];
      setOrigin(policy, 'extraCaFiles', 'machine');
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The user file may name a default server when IT did not; it may not touch trust or updates. */
export function applyUserChoices(
  policy: EffectivePolicy,
  user: CheckedSource,
  ignored: IgnoredSetting[],
): void {
  const { values, source } = user;

  if (values.defaultServer && !policy.defaultServer) {
    policy.defaultServer = values.defaultServer;
    setOrigin(policy, 'defaultServer', 'user');
  }

  if (values.extraCaFiles) {
    ignored.push({ source, key: 'extraCaFiles', reason: 'only IT may add trust roots' });
  }

  if (values.update) {
    ignored.push({ source, key: 'update', reason: 'only IT controls updates' });
  }
}

/**
 * A source with problems locks the app: its intent is unknown, so every confidentiality
 * setting takes its strictest value. Servers fail closed too unless that same source named
 * them validly, and always when its pins are broken (connecting without them would be weaker
 * than IT asked for). Edit and delete stay as they are: deleting a message sent to the wrong
 * channel is itself a privacy action.
 */
export function lockFor(policy: EffectivePolicy, checked: CheckedSource): void {
  if (checked.problems.length === 0) return;

  lockConfidentiality(policy, checked);

  const serversKnown = checked.values.allowedServers !== undefined;
  const pinsBroken = checked.brokenKeys.includes('certificatePins');
  if (checked.unreadable || !serversKnown || pinsBroken) {
    policy.allowedServers = [];
    setOrigin(policy, 'allowedServers', 'locked');
  }
}

/** The part of the lock every source with problems triggers, the server's included. */
export function lockConfidentiality(policy: EffectivePolicy, checked: CheckedSource): void {
  policy.problems.push(...checked.problems);
  lockValue(policy, 'notificationContent', 'sender_only');
  lockValue(policy, 'allowRememberLogin', false);
  lockValue(policy, 'eraseCacheOnRevocation', true);
}

function lockValue<
  K extends 'notificationContent' | 'allowRememberLogin' | 'eraseCacheOnRevocation',
>(policy: EffectivePolicy, key: K, value: EffectivePolicy[K]): void {
  if (policy[key] !== value) {
    policy[key] = value;
    setOrigin(policy, key, 'locked');
  }
}

/** A default server that policy does not allow is no default at all. */
export function settleDefaultServer(policy: EffectivePolicy): void {
  const { defaultServer, allowedServers } = policy;

  if (defaultServer && allowedServers && !allowedServers.includes(defaultServer)) {
    policy.defaultServer = null;
    delete policy.origins.defaultServer;
  }
}
