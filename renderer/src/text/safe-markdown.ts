import type { Parent, Root, RootContent } from 'mdast';

/** Link schemes main opens. Anything else (javascript:, data:, file:, relative) is dropped. */
const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

/**
 * react-markdown `urlTransform`: keep absolute https and mailto URLs, drop everything else. A
 * plain http link (often a bare `www.` autolink) is upgraded to https, since main never opens
 * http and a link that silently does nothing helps no one.
 */
export function safeUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;

  const parsed = new URL(url);
  if (parsed.protocol === 'http:') parsed.protocol = 'https:';

  return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
}

/** Explicit left-to-right / right-to-left overrides: they can make `gnp.exe` read `exe.png`. */
const BIDI_OVERRIDES = /[\u202D\u202E]/g;

export function withoutBidiOverrides(text: string): string {
  return text.replace(BIDI_OVERRIDES, '');
}

/** The host a link really goes to, when its text does not already say so. */
export function hiddenLinkHost(href: string, text: string): string | null {
  if (!URL.canParse(href)) return null;

  const url = new URL(href);
  if (url.protocol !== 'https:') return null;

  return text.toLowerCase().includes(url.host.toLowerCase()) ? null : url.host;
}

/**
 * Remark plugin: raw HTML in a message is shown as the literal text the sender typed, never
 * parsed as markup. Block-level HTML becomes a paragraph of text so it keeps its own line.
 */
export function remarkHtmlAsText() {
  return (tree: Root) => {
    rewrite(tree);
  };
}

function rewrite(parent: Parent): void {
  const isBlock = ['root', 'blockquote', 'listItem'].includes(parent.type);

  parent.children = parent.children.map((child): RootContent => {
    if (child.type !== 'html') {
      if ('children' in child) rewrite(child);
      return child;
    }

    const text = { type: 'text' as const, value: child.value };
    return isBlock ? { type: 'paragraph', children: [text] } : text;
  });
}
