import type { z } from 'zod';

import { bridgeInputs, type BridgeHandlers, type BridgeOperation } from '../../../common/bridge';
import { err, type Result } from '../../../common/result';
import { CacheOperationError } from '../cache/errors';

export type BridgeDispatch = (operation: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchLogger {
  warn(fields: Record<string, unknown>, event: string): void;
  error(fields: Record<string, unknown>, event: string): void;
}

function isOperation(name: string): name is BridgeOperation {
  return Object.hasOwn(bridgeInputs, name);
}

/**
 * Names the failing fields without echoing the values, which may hold secrets. A refinement's
 * message is a fixed sentence from our schemas (never the value), written for the user: it is
 * added as it is.
 */
function describeIssues(error: z.ZodError): string {
  const fields = error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(payload)');
  const refinements = error.issues.flatMap((issue) =>
    issue.code === 'custom' ? [issue.message] : [],
  );
  return [
    `Invalid request: check ${[...new Set(fields)].join(', ')}.`,
    ...new Set(refinements),
  ].join(' ');
}

/**
 * The one place a bridge call is checked before it reaches a handler: the operation must be
 * known and the payload must parse with its schema. Handlers never throw across the bridge.
 */
export function createBridgeDispatch(
  handlers: BridgeHandlers,
  log: DispatchLogger,
): BridgeDispatch {
  return async (operation, payload) => {
    if (!isOperation(operation)) {
      log.warn({ operation: String(operation).slice(0, 64) }, 'bridge.unknown_operation');
      return err('invalid_input', 'Unknown operation.');
    }

    const parsed = bridgeInputs[operation].safeParse(payload);
    if (!parsed.success) {
      log.warn({ operation }, 'bridge.invalid_payload');
      return err('invalid_input', describeIssues(parsed.error));
    }

    try {
      const handler = handlers[operation] as (input: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (error) {
      log.error({ operation, errorName: (error as Error)?.name }, 'bridge.handler_failed');
      // Its message is written for the user and names no data; anything else stays generic.
      if (error instanceof CacheOperationError) return err('internal', error.message);
      return err('internal', 'Something went wrong inside Parley. Please try again.');
    }
  };
}
