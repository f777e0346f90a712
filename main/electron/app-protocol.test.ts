import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  registerAppScheme,
  resolveAppFile,
  serveAppScheme,
} from './app-protocol';
import { FakeProtocol } from './test-support/fake-electron';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

const get = (url: string) => handler(new Request(url));

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-protocol-'));
  root = path.join(base, 'renderer');
  await fs.mkdir(path.join(root, 'assets'), { recursive: true });
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Parley</title>');
  await fs.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(base, 'secret.txt'), 'SECRET');
  await fs.mkdir(path.join(base, 'renderer-evil'));
  await fs.writeFile(path.join(base, 'renderer-evil', 'x.js'), 'SECRET');
  await fs.symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handler = createAppRequestHandler(root);
});

afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  it('serves index.html for / and /index.html with the CSP header', async () => {
    for (const url of ['app://parley/', 'app://parley/index.html']) {
      const response = await get(url);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Parley</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves built assets with their content type', async () => {
    const response = await get('app://parley/assets/app.js?v=1');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://parley/../secret.txt',
    'app://parley/%2e%2e/secret.txt',
    'app://parley/%2E%2E%2fsecret.txt',
    'app://parley/..%2fsecret.txt',
    'app://parley/assets/..%2f..%2fsecret.txt',
    'app://parley/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://parley/..%5csecret.txt',
    'app://parley/%2e%2e%2frenderer-evil%2fx.js',
    'app://parley/index.html%00.js',
    'app://parley/%E0%A4%A',
    'app://parley/assets/link.txt',
    'app://parley/assets',
    'app://parley/missing.js',
    'app://other/index.html',
    'https://parley/index.html',
  ])('refuses %s with a 404 that still carries the CSP', async (url) => {
    const response = await get(url);

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://parley/..%2fsecret.txt',
    'app://parley/%2e%2e%2fsecret.txt',
    'app://parley/assets/..%2f..%2fsecret.txt',
    'app://parley/..%5csecret.txt',
    'app://parley/a%00b',
  ])('maps %s to no file at all, before touching the disk', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('maps a normal path to a file inside the root', () => {
    expect(resolveAppFile(root, 'app://parley/assets/app.js')).toBe(
      path.join(root, 'assets', 'app.js'),
    );
  });

  it('refuses anything but GET', async () => {
    const response = await handler(new Request('app://parley/index.html', { method: 'POST' }));

    expect(response.status).toBe(405);
  });
});

describe('app:// scheme registration', () => {
  it('registers app as a standard, secure scheme and serves it', () => {
    const protocol = new FakeProtocol();

    registerAppScheme(protocol);
    serveAppScheme(protocol, root);

    expect(protocol.privileged).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } }],
    ]);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('states the strict CSP in one place', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; object-src 'none'",
    );
  });
});
