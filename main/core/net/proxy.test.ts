import { describe, expect, it } from 'vitest';

import { bypassesProxy, proxyFor } from './proxy';

describe('NO_PROXY', () => {
  it.each([
    ['*', 'chat.example.org', 443, true],
    ['example.org', 'example.org', 443, true],
    ['example.org', 'chat.example.org', 443, true],
    ['.example.org', 'chat.example.org', 443, true],
    ['*.example.org', 'chat.example.org', 443, true],
    ['example.org', 'badexample.org', 443, false],
    ['example.org', 'example.org.evil.test', 443, false],
    ['chat.example.org:8443', 'chat.example.org', 8443, true],
    ['chat.example.org:8443', 'chat.example.org', 443, false],
    ['127.0.0.1', '127.0.0.1', 9000, true],
    ['127.0.0.1', '127.0.0.2', 9000, false],
    ['10.0.0.0/8', '10.20.30.40', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['[::1]:8443', '::1', 8443, true],
    ['::1', '[::1]', 443, true],
    ['0:0:0:0:0:0:0:1', '::1', 443, true],
    ['other.test, EXAMPLE.org', 'chat.example.org', 443, true],
    ['other.test example.org', 'chat.example.org', 443, true],
  ] as const)('%s applied to %s:%d bypasses: %s', (noProxy, host, port, expected) => {
    expect(bypassesProxy(noProxy, host, port)).toBe(expected);
  });

  it('does not bypass loopback unless NO_PROXY lists it', () => {
    expect(bypassesProxy(null, '127.0.0.1', 443)).toBe(false);
    expect(bypassesProxy('', 'localhost', 443)).toBe(false);
  });
});

describe('proxyFor', () => {
  it('uses https_proxy before HTTPS_PROXY and accepts an address without a scheme', () => {
    const env = { https_proxy: 'proxy.lan:3128', HTTPS_PROXY: 'http://other.lan:8080' };

    expect(proxyFor(env, 'chat.example.org', 443)?.href).toBe('http://proxy.lan:3128/');
  });

  it('connects directly when no proxy is set or the host is excluded', () => {
    expect(proxyFor({}, 'chat.example.org', 443)).toBeNull();
    expect(proxyFor({ HTTPS_PROXY: '  ' }, 'chat.example.org', 443)).toBeNull();
    expect(proxyFor({ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.org' }, 'chat.example.org', 443)).toBeNull(); // prettier-ignore
    expect(proxyFor({ HTTPS_PROXY: 'http://p:1', no_proxy: '*' }, 'chat.example.org', 443)).toBeNull(); // prettier-ignore
  });

  it('ignores HTTP_PROXY, which is for plain http requests the core never makes', () => {
    expect(proxyFor({ HTTP_PROXY: 'http://p:1', http_proxy: 'http://p:1' }, 'a.test', 443)).toBeNull(); // prettier-ignore
  });

  it('fails closed on a proxy address it cannot use', () => {
    expect(() => proxyFor({ HTTPS_PROXY: 'socks5://p:1080' }, 'a.test', 443)).toThrow(/http:\/\//);
    expect(() => proxyFor({ HTTPS_PROXY: 'http://' }, 'a.test', 443)).toThrow();
  });
});
