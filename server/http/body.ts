import type { IncomingMessage } from 'node:http';

import { LIMITS } from '../../common/limits';
import { ServiceError } from '../errors';

/** Past this many discarded bytes an oversized upload is cut off instead of drained. */
const MAX_DRAIN_BYTES = 1024 * 1024;

/**
 * Reads a JSON body of at most LIMITS.restBodyBytes. An oversized body is drained (so the
 * client can read our 413) but never buffered; a flood beyond MAX_DRAIN_BYTES is cut off.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError('invalid_input', 'Send the request body as application/json.');
  }

  const text = await readLimited(req, LIMITS.restBodyBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError('invalid_input', 'The request body is not valid JSON.');
  }
}

function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > MAX_DRAIN_BYTES) req.destroy();
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(new ServiceError('too_large', `The request body exceeds ${limit} bytes.`));
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
    req.on('close', () => reject(new ServiceError('too_large', 'The request body was cut off.')));
  });
}
