import { describe, expect, it } from 'vitest';

import { findDeepLinkArgument, MAX_DEEP_LINK_CHARS, parseDeepLink } from './parse';

const open = (query: string) => `parley://open?${query}`;
const state = 'st4te-value_0123';
const code = 'c0de.value~abcdef';

describe('deep link parsing: accepted forms', () => {
  it('opens a message on a server', () => {
    expect(parseDeepLink(open('server=https://chat.example.com&channel=c1&message=m-42'))).toEqual({
      ok: true,
      link: {
        kind: 'open',
        server: 'https://chat.example.com',
        channelId: 'c1',
        messageId: 'm-42',
      },
    });
  });

  it('opens the app for a server alone, with a port in the server origin', () => {
    expect(parseDeepLink(open('server=https%3A%2F%2Fchat.example.com%3A8443'))).toEqual({
      ok: true,
      link: {
        kind: 'open',
        server: 'https://chat.example.com:8443',
        channelId: null,
        messageId: null,
      },
    });
  });

  it('parses an SSO callback', () => {
    expect(parseDeepLink(`parley://sso/callback?state=${state}&code=${code}`)).toEqual({
      ok: true,
      link: { kind: 'sso-callback', state, code },
    });
  });

  it('tolerates a trailing slash on the route', () => {
    expect(parseDeepLink('parley://open/?server=https://chat.example.com').ok).toBe(true);
  });
});

describe('deep link parsing: refused', () => {
  it.each([
    ['a non-string', 42, 'not_a_string'],
    ['an over-long link', open(`server=https://a.example&x=${'a'.repeat(MAX_DEEP_LINK_CHARS)}`), 'too_long'], // prettier-ignore
    ['not a URL', 'open?server=x', 'not_a_url'],
    ['javascript:', 'javascript:alert(1)//parley://open', 'wrong_scheme'],
    ['https:', 'https://open?server=https://chat.example.com', 'wrong_scheme'],
    ['a look-alike scheme', 'parley2://open?server=https://chat.example.com', 'wrong_scheme'],
    ['credentials', 'parley://user:pw@open?server=https://chat.example.com', 'has_credentials'],
    ['a port', 'parley://open:80?server=https://chat.example.com', 'has_port'],
    ['a fragment', open('server=https://chat.example.com#x'), 'has_fragment'],
    ['an empty fragment', open('server=https://chat.example.com#'), 'has_fragment'],
    ['a wrong host', 'parley://evil.example/open?server=https://chat.example.com', 'unknown_route'],
    ['an upper-case host', 'parley://OPEN?server=https://chat.example.com', 'unknown_route'],
    ['an unknown route', 'parley://settings?reset=1', 'unknown_route'],
    ['an extra path', 'parley://open/extra?server=https://chat.example.com', 'unknown_route'],
    ['a sub-route of sso', `parley://sso/login?state=${state}&code=${code}`, 'unknown_route'],
    ['a repeated parameter', open('server=https://a.example&server=https://b.example'), 'repeated_parameter'], // prettier-ignore
    ['an extra parameter', open('server=https://chat.example.com&evil=1'), 'invalid_parameters'],
    ['a __proto__ parameter', open('server=https://chat.example.com&__proto__=x'), 'invalid_parameters'], // prettier-ignore
    ['no server', open('channel=c1&message=m1'), 'invalid_parameters'],
    ['an http server', open('server=http://chat.example.com'), 'invalid_parameters'],
    ['a javascript: server', open('server=javascript:alert(1)'), 'invalid_parameters'],
    ['a server with a path', open('server=https://chat.example.com/x'), 'invalid_parameters'],
    [
      'a server with credentials',
      open('server=https://u:p@chat.example.com'),
      'invalid_parameters',
    ],
    ['a unicode server name', open('server=https://exämple.com'), 'invalid_parameters'],
    ['a unicode channel id', open('server=https://chat.example.com&channel=çanal&message=m1'), 'invalid_parameters'], // prettier-ignore
    ['a channel without a message', open('server=https://chat.example.com&channel=c1'), 'invalid_parameters'], // prettier-ignore
    ['a message without a channel', open('server=https://chat.example.com&message=m1'), 'invalid_parameters'], // prettier-ignore
    ['an id with a slash', open('server=https://chat.example.com&channel=a/b&message=m1'), 'invalid_parameters'], // prettier-ignore
    ['an overlong id', open(`server=https://chat.example.com&channel=${'c'.repeat(65)}&message=m1`), 'invalid_parameters'], // prettier-ignore
    [
      'an SSO callback without a code',
      `parley://sso/callback?state=${state}`,
      'invalid_parameters',
    ],
    ['an SSO code with markup', `parley://sso/callback?state=${state}&code=%3Cscript%3E1234`, 'invalid_parameters'], // prettier-ignore
    ['an SSO callback with extras', `parley://sso/callback?state=${state}&code=${code}&x=1`, 'invalid_parameters'], // prettier-ignore
  ])('%s', (_name, input, reason) => {
    expect(parseDeepLink(input)).toEqual({ ok: false, reason });
  });
});

describe('deep link on a command line', () => {
  it('finds the parley: argument among Chromium switches, whatever its case', () => {
    const argv = ['/opt/Parley/parley', '--no-sandbox-is-not-ours', 'PARLEY://open?server=x'];

    expect(findDeepLinkArgument(argv)).toBe('PARLEY://open?server=x');
  });

  it('finds nothing when no argument is a parley: URL', () => {
    expect(findDeepLinkArgument(['/opt/Parley/parley', '--flag=parley://open', 'x'])).toBeNull();
  });
});
