import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumDocumentRenderer } from './chromium-document-renderer.js';
import { DocumentRendererUnavailableError } from './document-renderer.js';
import { readPdf } from './testing/pdf-text.js';

const PAGE = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>body { font-family: "Noto Sans CJK SC", sans-serif; }</style></head><body>${body}</body></html>`;

describe('Chromium document renderer', () => {
  const renderer = new ChromiumDocumentRenderer('/usr/bin/chromium');
  afterAll(async () => {
    await renderer.close();
  });

  it('prints HTML to an A4 PDF whose text, Chinese included, can be read back', async () => {
    const pdf = await renderer.renderPdf(PAGE('<h1>网络安全保险 Cyber insurance</h1>'));
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const contents = await readPdf(pdf);
    expect(contents.pages).toBe(1);
    expect(contents.text).toContain('网络安全保险 Cyber insurance');
  });

  it('reuses one browser for several documents at once, each on its own page, with numbered footers', async () => {
    const footerHtml =
      '<div style="font-size:8px; width:100%; text-align:center">p<span class="pageNumber"></span>/<span class="totalPages"></span></div>';
    const tall = PAGE(`<div style="height: 400mm">一</div><div>二</div>`);
    const [first, second] = await Promise.all([
      renderer.renderPdf(tall, { footerHtml }),
      renderer.renderPdf(PAGE('<p>second</p>')),
    ]);
    const firstContents = await readPdf(first);
    expect(firstContents.pages).toBe(2);
    expect(firstContents.text).toContain('p1/2');
    expect(firstContents.text).toContain('p2/2');
    expect((await readPdf(second)).text).toContain('second');
  });

  it('fetches nothing a document names: documents are self-contained', async () => {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const pdf = await renderer.renderPdf(
        PAGE(`<img src="http://127.0.0.1:${String(port)}/tracker.png" alt=""><p>printed</p>`),
      );
      expect((await readPdf(pdf)).text).toContain('printed');
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a missing Chromium as unavailable, saying what to do, and tries again on the next document', async () => {
    const missing = new ChromiumDocumentRenderer('/nonexistent/chromium');
    await expect(missing.renderPdf(PAGE('x'))).rejects.toThrow(DocumentRendererUnavailableError);
    await expect(missing.renderPdf(PAGE('x'))).rejects.toThrow(/CARAPACE_CHROMIUM_PATH/);
    await missing.close();
    await missing.close();
  });
});
