import type { z } from 'zod';

import {
  PolicySourceSchema,
  type PolicyKey,
  type PolicyProblem,
  type PolicySource,
} from '../../../common/policy';

/** One source after validation: the keys that parsed, and what was wrong with the rest. */
export interface CheckedSource {
  source: string;
  values: PolicySource;
  /** Keys present but invalid. Their values are unknown, so the merge fails closed for them. */
  brokenKeys: PolicyKey[];
  /** True when nothing could be read at all (not JSON, not an object, unreadable file). */
  unreadable: boolean;
  problems: PolicyProblem[];
}

const SHAPE = PolicySourceSchema.shape;
type Shape = Partial<typeof SHAPE>;

function isKeyOf(shape: Shape, key: string): key is PolicyKey {
  return Object.hasOwn(shape, key);
}

/** A source that could not be read at all. */
export function unreadableSource(source: string, message: string): CheckedSource {
  return {
    source,
    values: {},
    brokenKeys: [],
    unreadable: true,
    problems: [{ source, key: null, message }],
  };
}

/**
 * Checks a source key by key rather than all at once, so one mistyped setting names itself and
 * the valid settings beside it still apply (each broken key is then locked, not ignored).
 */
export function checkSource(source: string, data: unknown, shape: Shape = SHAPE): CheckedSource {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return unreadableSource(source, 'The policy must be an object of settings.');
  }

  const checked: CheckedSource = {
    source,
    values: {},
    brokenKeys: [],
    unreadable: false,
    problems: [],
  };

  for (const [key, value] of Object.entries(data)) {
    if (!isKeyOf(shape, key) || !shape[key]) {
      checked.problems.push({ source, key, message: notASetting(key, shape) });
      continue;
    }

    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      Object.assign(checked.values, { [key]: parsed.data });
      continue;
    }

    checked.brokenKeys.push(key);
    checked.problems.push(...describeIssues(source, key, parsed.error.issues));
  }

  return checked;
}

function notASetting(key: string, shape: Shape): string {
  return shape !== SHAPE && Object.hasOwn(SHAPE, key)
    ? `"${key}" may not be set by this source.`
    : `"${key}" is not a Parley policy setting.`;
}

function describeIssues(
  source: string,
  key: PolicyKey,
  issues: z.core.$ZodIssue[],
): PolicyProblem[] {
  return issues.flatMap((issue) => {
    const at = [key, ...issue.path.map(String)].join('.');

    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((extra) => ({
        source,
        key: `${at}.${extra}`,
        message: `"${at}.${extra}" is not a Parley policy setting.`,
      }));
    }

    return [{ source, key: at, message: `"${at}": ${issue.message}.` }];
  });
}
