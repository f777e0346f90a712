import { describe, expect, it } from 'vitest';

import { parseSnippet, snippetMarkers } from './snippet';

describe('parseSnippet', () => {
  const markers = { open: '<<', close: '>>' };

  it('splits marked hits from the text around them', () => {
    expect(parseSnippet('a <<b>> c <<d>>', markers)).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
  });

  it('merges adjacent hits into one segment', () => {
    expect(parseSnippet('<<a>><<b>>', markers)).toEqual([{ text: 'ab', match: true }]);
  });

  it('returns plain text when nothing is marked', () => {
    expect(parseSnippet('<b>hi</b>', markers)).toEqual([{ text: '<b>hi</b>', match: false }]);
  });

  it('uses markers that differ per call', () => {
    expect(snippetMarkers()).not.toEqual(snippetMarkers());
  });
});
