import { describe, expect, it } from 'vitest';

import { MAX_QUERY_TERMS, toFtsQuery } from './fts-query';

describe('toFtsQuery', () => {
  it('quotes every term and makes only the last one a prefix', () => {
    expect(toFtsQuery('release notes')).toBe('"release" "notes"*');
  });

  it('doubles quotes inside a term so it cannot close the string', () => {
    expect(toFtsQuery('say"hi OR x')).toBe('"say""hi" "OR" "x"*');
  });

  it('drops terms with nothing the tokenizer would index', () => {
    expect(toFtsQuery('* - " ( ) ^')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('- lunch')).toBe('"lunch"*');
  });

  it('keeps non-Latin scripts and strips control characters', () => {
    expect(toFtsQuery('日本語 café')).toBe('"日本語" "café"*');
    expect(toFtsQuery('a\u0000b')).toBe('"a" "b"*');
  });

  it('caps the number of terms', () => {
    const query = toFtsQuery(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '));

    expect(query?.split(' ')).toHaveLength(MAX_QUERY_TERMS);
  });
});
