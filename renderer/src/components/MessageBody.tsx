import { Children, isValidElement, memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

import {
  hiddenLinkHost,
  remarkHtmlAsText,
  safeUrl,
  withoutBidiOverrides,
} from '../text/safe-markdown';

/*
 * Message text comes from other people through the server: it is untrusted. It is rendered as
 * Markdown only: no raw HTML (shown as literal text instead), links limited to https/mailto and
 * opened outside the app by main, a link whose text hides its real host shows the host, bidi
 * overrides are removed, and no remote images (the CSP would block them anyway).
 */

function plainText(node: ReactNode): string {
  return Children.toArray(node)
    .map((child) => {
      if (typeof child === 'string' || typeof child === 'number') return String(child);
      if (isValidElement<{ children?: ReactNode }>(child)) return plainText(child.props.children);
      return '';
    })
    .join('');
}

function Link({ href, children }: { href?: string; children?: ReactNode }) {
  if (!href) return <span className="md-dropped-link">{children}</span>;

  const host = hiddenLinkHost(href, plainText(children));
  return (
    <>
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
      {host && <span className="link-host"> ({host})</span>}
    </>
  );
}

function Heading({ children }: { children?: ReactNode }) {
  return (
    <p className="md-heading">
      <strong>{children}</strong>
    </p>
  );
}

const components: Components = {
  a: ({ href, children }) => <Link href={href}>{children}</Link>,
  img: ({ src, alt }) => {
    const label = alt ? `[image: ${alt}]` : '[image]';
    return typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noreferrer noopener">
        {label}
      </a>
    ) : (
      <span>{label}</span>
    );
  },
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

const remarkPlugins = [remarkGfm, remarkHtmlAsText];

export const MessageBody = memo(function MessageBody({ body }: { body: string }) {
  return (
    <div className="message-body">
      <Markdown
        remarkPlugins={remarkPlugins}
        components={components}
        skipHtml
        urlTransform={safeUrl}
      >
        {withoutBidiOverrides(body)}
      </Markdown>
    </div>
  );
});
