import type { Parent, Root, RootContent } from 'mdast';

/** Link schemes a message may use. Anything else (javascript:, data:, file:, relative) is dropped. */
const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/** react-markdown `urlTransform`: keep absolute http(s)/mailto URLs, drop everything else. */
export function safeUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;

  return ALLOWED_PROTOCOLS.has(new URL(url).protocol) ? url : null;
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
