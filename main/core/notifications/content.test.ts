import { describe, expect, it } from 'vitest';

import { markdownToPlainText, mentions, truncate } from './content';

describe('markdown to notification text', () => {
  it.each([
    ['**bold** and _italic_ and ~~gone~~', 'bold and italic and gone'],
    ['`code` and\n```ts\nconst x = 1;\n```', 'code and const x = 1;'],
    ['# Heading\n> quoted\n- item\n1. first', 'Heading quoted item first'],
    ['see [the docs](https://example.com) ![logo](https://x/y.png)', 'see the docs logo'],
    ['<img src=x onerror=alert(1)>hi', 'hi'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['tab\tand\u0000nul\u202eand rlo', 'tab and nul and rlo'],
  ])('%j becomes %j', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text);
  });

  it('cuts by characters, not UTF-16 units, so an emoji is never split', () => {
    expect(truncate('😀'.repeat(300), 5)).toBe('😀😀😀😀…');
    expect(truncate('short', 5)).toBe('short');
  });
});

describe('mentions', () => {
  const user = { id: 'u1', username: 'dr.who', displayName: 'The Doctor' };

  it('treats regex characters in names literally', () => {
    expect(mentions('hi @dr.who!', user)).toBe(true);
    expect(mentions('hi @drxwho', user)).toBe(false);
    expect(mentions('hey @the doctor', user)).toBe(true);
  });
});
