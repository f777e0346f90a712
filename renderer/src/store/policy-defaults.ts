import type { UpdateStatus } from '../../../common/bridge';
import { DEFAULT_POLICY, type EffectivePolicy } from '../../../common/policy';

/**
 * What the renderer assumes until the first snapshot says otherwise: main's own defaults, from
 * the one definition in common/. The snapshot always replaces it, so it only matters for the
 * first frame.
 */
export const FALLBACK_POLICY: EffectivePolicy = DEFAULT_POLICY;

export const NO_UPDATE: UpdateStatus = { state: 'idle', version: null, message: null };
