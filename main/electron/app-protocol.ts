import { promises as fs } from 'node:fs';
import path from 'node:path';

import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://parley';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent on every app:// response. The renderer talks to nothing: all data arrives via the bridge. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** True for URLs on our own origin, and for the bare origin itself (as permission checks send). */
export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps an app:// URL to a file inside `root`, or null. Threat: a crafted URL (`..`, encoded
 * `%2e%2e` or `%2f`, backslashes, NUL) reading files outside the renderer build.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!url.startsWith(`${APP_ORIGIN}/`) || !URL.canParse(url)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }

  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;

  const file = path.resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  return isInside(root, file) ? file : null;
}

function respond(status: number, body: Uint8Array | null, contentType: string): Response {
  const headers = {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
  return new Response(body, { status, headers });
}

const notFound = (): Response => respond(404, null, 'text/plain; charset=utf-8');

/** Reads the file only if its real path (symlinks followed) is still inside the real root. */
async function readInside(root: string, file: string, readFile: ReadFile) {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return isInside(realRoot, realFile) ? await readFile(realFile) : null;
  } catch {
    return null;
  }
}

/** Serves the built renderer from `root`; anything else is a 404. */
export function createAppRequestHandler(root: string, readFile: ReadFile = fs.readFile) {
  const absoluteRoot = path.resolve(root);

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET') return respond(405, null, 'text/plain; charset=utf-8');

    const file = resolveAppFile(absoluteRoot, request.url);
    const body = file ? await readInside(absoluteRoot, file, readFile) : null;
    if (!file || !body) return notFound();

    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return respond(200, body, type);
  };
}

/** Must run before app 'ready'; Electron keeps only the last call, so every scheme goes here. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // Module scripts are always fetched in CORS mode, so the scheme must allow CORS for its own
    // origin; the CSP still forbids any connection from the page.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
