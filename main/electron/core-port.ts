import type { BridgeEvent } from '../../common/bridge';
import type { BridgeDispatch } from '../core/bridge/dispatch';

/**
 * The part of `createParleyCore` (main/core/core.ts) the shell needs. Kept as an interface so
 * the shell is tested without the real core, and so it states exactly what it relies on.
 */
export interface ShellCoreOptions {
  onEvents: (batch: BridgeEvent[]) => void;
  extraCaPem?: string[];
  defaultServerUrl?: string | null;
}

export interface ShellCore {
  dispatch: BridgeDispatch;
  dispose(): void | Promise<void>;
}

export type CreateShellCore = (options: ShellCoreOptions) => ShellCore;
