import type { EffectivePolicy } from '../../../common/policy';
import { noAudit, type AuditLog } from '../audit/audit-log';
import { readPolicyFile, readTextFile, type ReadText } from './file-source';
import { machinePolicyFile, userPolicyFile } from './locations';
import {
  applyMachineChoices,
  applyRestrictions,
  applyUserChoices,
  freshPolicy,
  lockFor,
  settleDefaultServer,
  type IgnoredSetting,
} from './merge';
import { defaultPolicyReaders, type PolicyReader } from './readers';
import { checkSource, unreadableSource, type CheckedSource } from './source-check';

export interface LoadPolicyOptions {
  /** Defaults to process.platform; picks the machine file and the OS policy stores. */
  platform?: NodeJS.Platform;
  /** Used for %ProgramData% on Windows. */
  env?: NodeJS.ProcessEnv;
  /** Overrides the machine file path (tests). `null`: no machine file. */
  machineFile?: string | null;
  /** The app's userData folder; its `policy.json` is the user file. */
  userDataPath?: string | null;
  /** OS policy stores; defaults to the registry (Windows) or managed preferences (macOS). */
  readers?: PolicyReader[];
  readText?: ReadText;
  audit?: AuditLog;
}

export interface PolicyResult {
  /** Machine and user policy merged; the server's policy is applied on top later. */
  policy: EffectivePolicy;
  /** Every source that was present, in the order read. */
  sources: string[];
  /** Settings a source gave but may not give; they had no effect. */
  ignored: IgnoredSetting[];
}

/**
 * Reads every machine source (OS store first, then the JSON file) and the user file, and merges
 * them stricter-wins. Any problem locks the app (see `lockFor`) and goes to the audit log.
 */
export async function loadMachinePolicy(options: LoadPolicyOptions = {}): Promise<PolicyResult> {
  const platform = options.platform ?? process.platform;
  const readText = options.readText ?? readTextFile;
  const audit = options.audit ?? noAudit;

  const machine = await readMachineSources(platform, options, readText);
  const userFile = options.userDataPath ? userPolicyFile(options.userDataPath) : null;
  const user = userFile ? await readPolicyFile(userFile, readText) : null;

  const result = mergeLocal(machine, user);
  recordLoad(audit, result);

  return result;
}

async function readMachineSources(
  platform: NodeJS.Platform,
  options: LoadPolicyOptions,
  readText: ReadText,
): Promise<CheckedSource[]> {
  const sources: CheckedSource[] = [];

  for (const reader of options.readers ?? defaultPolicyReaders(platform)) {
    const raw = await reader();
    if (!raw) continue;

    sources.push(
      'error' in raw ? unreadableSource(raw.source, raw.error) : checkSource(raw.source, raw.data),
    );
  }

  const file =
    options.machineFile === undefined
      ? machinePolicyFile(platform, options.env)
      : options.machineFile;
  const fromFile = file ? await readPolicyFile(file, readText) : null;
  if (fromFile) sources.push(fromFile);

  return sources;
}

/** Pure merge of already-read sources; exported for tests. */
export function mergeLocal(machine: CheckedSource[], user: CheckedSource | null): PolicyResult {
  const policy = freshPolicy();
  const ignored: IgnoredSetting[] = [];

  applyMachineChoices(policy, machine);
  for (const source of machine)
    applyRestrictions(policy, source.values, 'machine', source.source, ignored);

  if (user) {
    applyUserChoices(policy, user, ignored);
    applyRestrictions(policy, user.values, 'user', user.source, ignored);
  }

  for (const source of [...machine, ...(user ? [user] : [])]) lockFor(policy, source);
  settleDefaultServer(policy);

  const sources = [...machine, ...(user ? [user] : [])].map((source) => source.source);

  return { policy, sources, ignored };
}

function recordLoad(audit: AuditLog, { policy, sources, ignored }: PolicyResult): void {
  for (const problem of policy.problems) {
    audit.record('policy.invalid', {
      source: problem.source,
      key: problem.key,
      reason: problem.message,
    });
  }

  audit.record('policy.loaded', {
    sources: sources.join(', ') || 'none',
    locked: policy.problems.length > 0,
    allowedServers: policy.allowedServers === null ? 'any' : policy.allowedServers.join(', '),
    notificationContent: policy.notificationContent,
    updateMode: policy.update.mode,
    ignored: ignored.map((item) => `${item.source}:${item.key}`).join(', ') || null,
  });
}
