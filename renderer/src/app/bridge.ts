import type { ParleyBridge } from '../../../common/bridge';
import type { Result } from '../../../common/result';

export function bridge(): ParleyBridge {
  return window.parley;
}

/**
 * Runs a bridge call and always yields a Result: a rejected promise (a broken bridge, a bug in
 * main) becomes an `internal` error instead of an unhandled rejection.
 */
export async function call<T>(
  operation: (parley: ParleyBridge) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await operation(bridge());
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: 'The app could not reach its main process.' },
    };
  }
}
