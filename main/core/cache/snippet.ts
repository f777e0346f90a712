import { randomBytes } from 'node:crypto';

import type { SnippetSegment } from './types';

export interface SnippetMarkers {
  open: string;
  close: string;
}

/**
 * Markers for snippet() that no message can contain by design: a fresh random nonce per query.
 * Text between them is a match; everything else is plain text. No HTML is ever produced.
 */
export function snippetMarkers(): SnippetMarkers {
  const nonce = randomBytes(8).toString('hex');
  return { open: `\u0002${nonce}[`, close: `]${nonce}\u0003` };
}

function push(segments: SnippetSegment[], text: string, match: boolean): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last && last.match === match) last.text += text;
  else segments.push({ text, match });
}

/** Splits snippet() output into text segments, merging neighbours of the same kind. */
export function parseSnippet(raw: string, markers: SnippetMarkers): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const [head = '', ...rest] = raw.split(markers.open);
  push(segments, head, false);

  for (const part of rest) {
    const end = part.indexOf(markers.close);
    if (end === -1) {
      push(segments, part, true);
      continue;
    }
    push(segments, part.slice(0, end), true);
    push(segments, part.slice(end + markers.close.length), false);
  }

  return segments;
}
