import http from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';

/** The variables that choose a proxy, as in `process.env`; tests pass their own. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

export class ProxyError extends Error {
  override name = 'ProxyError';

  constructor(
    message: string,
    readonly code: 'ERR_PARLEY_PROXY_CONFIG' | 'ERR_PARLEY_PROXY_REFUSED' | 'ETIMEDOUT',
  ) {
    super(message);
  }
}

/** Lower case first, as curl and most tools read them; an empty value means "not set". */
function envValue(env: ProxyEnv, name: string): string | null {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value?.trim() ? value.trim() : null;
}

function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

interface NoProxyEntry {
  host: string;
  port: number | null;
}

function parseEntry(raw: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };

  const withPort = /^([^:]+):(\d+)$/.exec(raw);
  if (withPort) return { host: withPort[1]!, port: Number(withPort[2]) };
  return { host: raw, port: null };
}

function inSubnet(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  const prefix = Number(bits);
  if (!family || isIP(host) !== family || !Number.isInteger(prefix)) return false;

  const list = new BlockList();
  try {
    list.addSubnet(network!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
  return list.check(host, family === 6 ? 'ipv6' : 'ipv4');
}

function sameAddress(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b)) return false;

  const list = new BlockList();
  list.addAddress(a, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(b, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * NO_PROXY in the common form: `*` for everything; names match themselves and their subdomains
 * (`example.org`, `.example.org` and `*.example.org` alike); IP addresses exactly or by CIDR;
 * `host:port` only on that port. Loopback is not special: it bypasses only when listed.
 */
export function bypassesProxy(noProxy: string | null, host: string, port: number): boolean {
  if (!noProxy) return false;
  const target = bareHost(host);

  const entries = noProxy
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);

  for (const raw of entries) {
    if (raw === '*') return true;
    const entry = parseEntry(raw);
    if (entry.port !== null && entry.port !== port) continue;

    const name = entry.host.replace(/^\*?\./, '');
    if (name.includes('/')) {
      if (inSubnet(target, name)) return true;
    } else if (isIP(name)) {
      if (sameAddress(name, target)) return true;
    } else if (isIP(target)) {
      continue;
    } else if (target === name || target.endsWith(`.${name}`)) {
      return true;
    }
  }
  return false;
}

/** The proxy for an https connection to `host:port`, or null to connect directly. */
export function proxyFor(env: ProxyEnv, host: string, port: number): URL | null {
  const configured = envValue(env, 'https_proxy');
  if (!configured) return null;
  if (bypassesProxy(envValue(env, 'no_proxy'), host, port)) return null;

  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(configured) ? configured : `http://${configured}`;
  const url = URL.canParse(text) ? new URL(text) : null;
  if (url?.protocol !== 'http:' || !url.hostname) {
    // Failing closed: an organisation that sets a proxy may rely on it for egress control.
    throw new ProxyError('HTTPS_PROXY must be an http:// proxy address', 'ERR_PARLEY_PROXY_CONFIG');
  }
  return url;
}

/**
 * Asks the proxy for a raw tunnel to `host:port` (HTTP CONNECT). TLS to the chat server then runs
 * inside the tunnel, so the proxy sees only encrypted bytes and cannot present its own certificate.
 */
export function openTunnel(
  proxy: URL,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Socket> {
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.username) {
    const user = decodeURIComponent(proxy.username);
    const credentials = `${user}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }

  return new Promise((resolve, reject) => {
    const request = http.request({
      host: bareHost(proxy.hostname),
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy(new ProxyError('The proxy did not open a tunnel in time', 'ETIMEDOUT'));
    }, timeoutMs);

    request.once('connect', (response, socket, head) => {
      clearTimeout(timer);
      if (response.statusCode !== 200 || head.length > 0) {
        socket.destroy();
        const status = response.statusCode ?? 0;
        reject(new ProxyError(`The proxy refused the tunnel (status ${status})`, 'ERR_PARLEY_PROXY_REFUSED')); // prettier-ignore
        return;
      }
      resolve(socket);
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}
