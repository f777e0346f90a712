import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

import { remarkHtmlAsText, safeUrl } from '../text/safe-markdown';

/*
 * Message text comes from other people through the server: it is untrusted. It is rendered as
 * Markdown only: no raw HTML (shown as literal text instead), links limited to http(s)/mailto and
 * opened outside the app by main, and no remote images (the CSP would block them anyway).
 */

function Heading({ children }: { children?: ReactNode }) {
  return (
    <p className="md-heading">
      <strong>{children}</strong>
    </p>
  );
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span className="md-dropped-link">{children}</span>
    ),
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
        {body}
      </Markdown>
    </div>
  );
});
