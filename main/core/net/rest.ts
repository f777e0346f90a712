import http from 'node:http';
import https from 'node:https';

import type { z } from 'zod';

import { LIMITS } from '../../../common/limits';
import { RestErrorSchema } from '../../../common/protocol';
import { err, ok, type ErrorCode, type Result } from '../../../common/result';
import { classifyNetworkError } from './tls-errors';
import type { Trust } from './trust';

export interface RestRequest<T> {
  method: 'GET' | 'POST';
  url: URL;
  /** Parsed with this schema on 2xx; omit for endpoints that answer 204. */
  schema?: z.ZodType<T>;
  json?: unknown;
  bearer?: string;
  timeoutMs: number;
}

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}
class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  return 'server_error';
}

function send(trust: Trust, request: RestRequest<unknown>): Promise<RawResponse> {
  const payload = request.json === undefined ? undefined : JSON.stringify(request.json);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (request.bearer) headers.authorization = `Bearer ${request.bearer}`;

  return new Promise((resolve, reject) => {
    // Only an address that passed trust.checkUrl gets here; agentFor enforces it once more.
    const agent = trust.agentFor(request.url);
    const client = request.url.protocol === 'http:' ? http : https;
    const req = client.request(request.url, { method: request.method, agent, headers });
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError()), request.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > LIMITS.restBodyBytes) req.destroy(new BodyTooLargeError());
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? '',
          text,
        });
      });
    });
    req.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One HTTPS request through the shared agent: bounded in time and size, with the answer parsed
 * by its schema and every failure mapped to a closed error code.
 */
export async function restRequest<T>(trust: Trust, request: RestRequest<T>): Promise<Result<T>> {
  let response: RawResponse;
  try {
    response = await send(trust, request as RestRequest<unknown>);
  } catch (error) {
    if (error instanceof RequestTimeoutError) {
      return err('timeout', 'The server took too long to answer.');
    }
    if (error instanceof BodyTooLargeError) {
      return err('server_error', 'The server sent an answer that is too large.');
    }
    const { code, message, certificate } = classifyNetworkError(error);
    return err(code, message, certificate ? { certificate } : {});
  }

  const body = parseJson(response.text);
  if (response.status < 200 || response.status >= 300) {
    const wire = RestErrorSchema.safeParse(body);
    if (wire.success) {
      const { code, message, ...extra } = wire.data.error;
      return err(code, message, extra);
    }
    return err(statusCode(response.status), `The server answered with status ${response.status}.`);
  }

  if (!request.schema) return ok(undefined as T);
  const parsed = request.schema.safeParse(body);
  if (!parsed.success || !response.contentType.includes('application/json')) {
    return err('server_error', 'The server sent an answer Parley does not understand.');
  }
  return ok(parsed.data);
}
