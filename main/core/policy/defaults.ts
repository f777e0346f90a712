/** Kept as a module path for main's callers; the one definition lives in common/. */
export { DEFAULT_POLICY } from '../../../common/policy';
