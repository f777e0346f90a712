import type { Shell } from 'electron';

import type { ShellLogger } from './log';

/**
 * Only https (without embedded credentials, which disguise the real host) and mailto leave the
 * app. Threat: `file:`, `javascript:`, `smb:` or custom handlers launching local programs.
 */
export function isAllowedExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;

  const parsed = new URL(url);
  if (parsed.protocol === 'mailto:') return true;
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}

export type OpenExternal = (url: string) => void;

/** Opens allowed links in the system browser or mail client; logs only the scheme of others. */
export function createExternalOpener(shell: Pick<Shell, 'openExternal'>, log: ShellLogger) {
  return (url: string): void => {
    if (!isAllowedExternalUrl(url)) {
      log.warn({ scheme: url.split(':', 1)[0]?.slice(0, 16) }, 'window.external_link_refused');
      return;
    }

    shell.openExternal(url).catch((error: unknown) => {
      log.warn({ errorName: (error as Error)?.name }, 'window.external_link_failed');
    });
  };
}
