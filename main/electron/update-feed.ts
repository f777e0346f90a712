import { readFileSync } from 'node:fs';

/**
 * The feed URL electron-builder baked into app-update.yml at build time (PARLEY_UPDATE_URL, see
 * build/builder-env.cjs): the update service's default when policy names no feed. Only the
 * `url:` line is read; anything but an https URL there means no default feed (updates then
 * stay `disabled` unless policy names one).
 */
export function readBakedFeedUrl(appUpdateConfigPath: string): string | null {
  let text: string;
  try {
    text = readFileSync(appUpdateConfigPath, 'utf8');
  } catch {
    return null;
  }

  return parseFeedUrl(text);
}

export function parseFeedUrl(yaml: string): string | null {
  const line = /^url:[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|(\S+))[ \t]*$/m.exec(yaml);
  const url = line?.[1] ?? line?.[2] ?? line?.[3] ?? null;
  if (!url || !URL.canParse(url)) return null;

  return new URL(url).protocol === 'https:' ? url : null;
}
