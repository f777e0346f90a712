import {
  ServerPolicySchema,
  type EffectivePolicy,
  type PolicyProblem,
  type ServerPolicy,
} from '../../../common/policy';
import { noAudit, type AuditLog } from '../audit/audit-log';
import type { PolicyResult } from './load';
import { applyRestrictions, lockConfidentiality } from './merge';
import { checkSource } from './source-check';

export interface PolicyState {
  /** The effective policy now: machine, user and (after log in) the server's. */
  current(): EffectivePolicy;
  /** Replaces the server's policy (each log in sends a fresh one); stricter wins. */
  applyServerPolicy(serverPolicy: ServerPolicy): EffectivePolicy;
  /** After log out the server no longer speaks. */
  clearServerPolicy(): EffectivePolicy;
  /** Whether policy lets the app connect to this server URL (its https origin). */
  isServerAllowed(url: string): boolean;
}

export interface PolicyStateOptions {
  audit?: AuditLog;
  onChange?: (policy: EffectivePolicy) => void;
}

export const SERVER_POLICY_SOURCE = 'server policy';

export function createPolicyState(
  local: PolicyResult,
  options: PolicyStateOptions = {},
): PolicyState {
  const audit = options.audit ?? noAudit;
  let effective = structuredClone(local.policy);

  const publish = (next: EffectivePolicy): EffectivePolicy => {
    effective = next;
    options.onChange?.(structuredClone(next));

    return structuredClone(next);
  };

  return {
    current: () => structuredClone(effective),

    applyServerPolicy(serverPolicy) {
      const next = withServerPolicy(local.policy, serverPolicy);
      for (const problem of next.problems.slice(local.policy.problems.length)) {
        recordProblem(audit, problem);
      }

      return publish(next);
    },

    clearServerPolicy: () => publish(structuredClone(local.policy)),

    isServerAllowed: (url) => isAllowed(effective, url),
  };
}

/** The server only tightens, and only its own keys; a malformed one locks like a bad file. */
export function withServerPolicy(local: EffectivePolicy, serverPolicy: unknown): EffectivePolicy {
  const policy = structuredClone(local);
  const checked = checkSource(SERVER_POLICY_SOURCE, serverPolicy, ServerPolicySchema.shape);

  if (checked.problems.length > 0) lockConfidentiality(policy, checked);
  applyRestrictions(policy, checked.values, 'server', SERVER_POLICY_SOURCE, []);

  return policy;
}

/**
 * Whether `allowedServers` lets the app talk to the server at `url` (its origin). With no list
 * any server is allowed here; whether its address is acceptable at all is the transport's call.
 */
export function serverAllowed(
  policy: Pick<EffectivePolicy, 'allowedServers'>,
  url: string,
): boolean {
  if (policy.allowedServers === null) return true;

  return URL.canParse(url) && policy.allowedServers.includes(new URL(url).origin);
}

function isAllowed(policy: EffectivePolicy, url: string): boolean {
  if (!URL.canParse(url)) return false;

  const { origin, protocol } = new URL(url);
  if (protocol !== 'https:') return false;

  return policy.allowedServers === null || policy.allowedServers.includes(origin);
}

function recordProblem(audit: AuditLog, problem: PolicyProblem): void {
  audit.record('policy.invalid', {
    source: problem.source,
    key: problem.key,
    reason: problem.message,
  });
}
