// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { MessageBody } from './MessageBody';

afterEach(cleanup);

/** The rendered message body element. */
function renderBody(body: string): Element {
  const element = render(<MessageBody body={body} />).container.firstElementChild;
  if (!element) throw new Error('MessageBody rendered nothing');
  return element;
}

describe('message text', () => {
  it('shows HTML and scripts as the literal text that was sent', () => {
    const body = renderBody('<b>x</b><script>alert(1)</script>');

    expect(body.textContent).toContain('<b>x</b><script>alert(1)</script>');
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('b')).toBeNull();
  });

  it('shows block-level HTML as text on its own line', () => {
    const body = renderBody(
      'before\n\n<div onclick="steal()">hi</div>\n\n<img src=x onerror=alert(1)>',
    );

    expect(body.textContent).toContain('<div onclick="steal()">hi</div>');
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(body.querySelector('div, img, [onclick], [onerror]')).toBeNull();
  });

  it('drops javascript: and data: links but keeps their text', () => {
    const body = renderBody(
      '[click](javascript:alert(1)) [data](data:text/html,hi) <javascript:alert(2)> [rel](/settings)',
    );

    expect(body.querySelector('a')).toBeNull();
    expect(body.textContent).toContain('click');
    expect(body.textContent).toContain('rel');
  });

  it('opens https and mailto links in a new window without a referrer, upgrading http', () => {
    const body = renderBody('[site](https://example.org/a) mailto:me@example.org www.example.com');
    const links = [...body.querySelectorAll('a')];

    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/a',
      'mailto:me@example.org',
      'https://www.example.com/',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    }
  });

  it('shows the real host of a link whose text names another', () => {
    const body = renderBody(
      '[https://bank.example](https://evil.example/login) and [docs](https://docs.example)',
    );

    expect(body.textContent).toContain('https://bank.example (evil.example)');
    expect(body.textContent).toContain('docs (docs.example)');
  });

  it('does not repeat the host when the link text already shows it', () => {
    const body = renderBody('see https://docs.example/guide');

    expect(body.textContent).not.toContain('(docs.example)');
  });

  it('removes bidi overrides so a file name cannot be shown reversed', () => {
    const body = renderBody('invoice_\u202Egnp.exe');

    expect(body.textContent).toBe('invoice_gnp.exe');
  });

  it('never loads images: shows their alt text instead', () => {
    const body = renderBody('![a cat](https://example.org/cat.png)');

    expect(body.querySelector('img')).toBeNull();
    expect(body.textContent).toContain('[image: a cat]');
  });

  it('keeps HTML inside code as code text', () => {
    const body = renderBody('`<b>bold</b>`');

    expect(body.querySelector('code')?.textContent).toBe('<b>bold</b>');
    expect(body.querySelector('b')).toBeNull();
  });

  it('renders ordinary Markdown', () => {
    const body = renderBody('**strong** and _em_ and ~~gone~~');

    expect(body.querySelector('strong')?.textContent).toBe('strong');
    expect(body.querySelector('em')?.textContent).toBe('em');
    expect(body.querySelector('del')?.textContent).toBe('gone');
  });
});
