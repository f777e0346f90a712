import path from 'node:path';

/** Where IT puts the machine-wide policy file on each OS. */
export function machinePolicyFile(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  switch (platform) {
    case 'linux':
      return '/etc/parley/policy.json';
    case 'darwin':
      return '/Library/Application Support/Parley/policy.json';
    case 'win32':
      // TODO(policy): %ProgramData% comes from the process environment, which the user can set.
      // The registry key (HKLM, admin-only) is the tamper-proof channel on Windows; a hardened
      // build should resolve FOLDERID_ProgramData through the shell API instead of the env.
      return path.win32.join(programData(env), 'Parley', 'policy.json');
    default:
      return null;
  }
}

function programData(env: NodeJS.ProcessEnv): string {
  const value = env.ProgramData ?? env.PROGRAMDATA;

  return value && path.win32.isAbsolute(value) ? value : 'C:\\ProgramData';
}

/** The user's own file: it may only add restrictions. */
export function userPolicyFile(userDataPath: string): string {
  return path.join(userDataPath, 'policy.json');
}

export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Parley';
export const MACOS_MANAGED_PREFERENCES = '/Library/Managed Preferences/com.parley.desktop.plist';
