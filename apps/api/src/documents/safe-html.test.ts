import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafeHtml, escapeHtml, html } from './safe-html.js';

describe('safe HTML', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('escapes interpolated text but keeps nested templates and explicit markup', () => {
    const name = '<img src=x onerror=alert(1)>';
    const row = html`<td title="${name}">${name}</td>`;
    expect(row.markup).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    // prettier-ignore
    const table = html`<tr>${row}${new SafeHtml('<td>ok</td>')}</tr>`;
    expect(table.markup).toBe(`<tr>${row.markup}<td>ok</td></tr>`);
  });

  it('renders lists, numbers and nothing for null, undefined and false', () => {
    // prettier-ignore
    const list = html`<ul>${['a&b', 'c'].map((item) => html`<li>${item}</li>`)}</ul>`;
    expect(list.markup).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
    expect(html`${1.5}|${null}|${undefined}|${false}|${['<', 2]}`.markup).toBe('1.5||||&lt;2');
  });

  it('never lets any text produce a tag or break out of an attribute, and loses none of it', () => {
    const unescape = (escaped: string) =>
      escaped.replace(/&(lt|gt|quot|#39|amp);/g, (_entity, name: string) =>
        name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : name === '#39' ? "'" : '&',
      );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(unescape(escaped)).toBe(text);
        expect(html`<p title="${text}">${text}</p>`.markup).toBe(`<p title="${escaped}">${escaped}</p>`);
      }),
    );
  });
});
