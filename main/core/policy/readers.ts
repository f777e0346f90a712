import { createMacManagedPreferencesReader } from './macos-managed-preferences';
import { createWindowsRegistryReader } from './windows-registry';

/**
 * An OS policy store other than a file (Windows registry, macOS managed preferences). Resolves
 * null when the store holds no Parley policy, `data` with the raw settings, or `error` when the
 * store exists but could not be read.
 */
export type PolicyReader = () => Promise<
  { source: string; data: unknown } | { source: string; error: string } | null
>;

/** The OS-native policy stores of each platform. */
export function defaultPolicyReaders(platform: NodeJS.Platform): PolicyReader[] {
  if (platform === 'win32') return [createWindowsRegistryReader()];
  if (platform === 'darwin') return [createMacManagedPreferencesReader()];

  return [];
}
