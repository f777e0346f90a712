import type { ParleyBridge } from '../../common/bridge';

declare global {
  interface Window {
    /** The preload bridge: the renderer's only way out of its sandbox. */
    parley: ParleyBridge;
  }
}

export {};
