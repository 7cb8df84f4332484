import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { PAGE_MARGINS } from './document-page.js';
import {
  DocumentRendererUnavailableError,
  type DocumentRenderer,
  type RenderPdfOptions,
} from './document-renderer.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const RENDER_TIMEOUT_MS = 60_000;

/**
 * Print-to-PDF in headless Chromium through playwright-core. The browser starts on the first document
 * (a server that never prints a document never starts one), is shared by every later document, and each
 * document gets a context and page of its own, so nothing leaks from one document into the next. The
 * context runs no script and loads nothing from the network: documents are self-contained HTML.
 */
export class ChromiumDocumentRenderer implements DocumentRenderer {
  private browser: Promise<Browser> | null = null;

  /** @param executablePath Chromium to launch: Debian's `/usr/bin/chromium`, never a `playwright install` download. */
  constructor(private readonly executablePath: string) {}

  async renderPdf(html: string, options: RenderPdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
    const browser = await this.startedBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      // Documents are self-contained; should markup ever name a URL anyway, it is not fetched.
      await context.route('**/*', async (route) => {
        await route.abort();
      });
      const page = await context.newPage();
      page.setDefaultTimeout(RENDER_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const footer = options.footerHtml;
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        margin: PAGE_MARGINS,
        ...(footer === undefined
          ? {}
          : { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer }),
      });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const starting = this.browser;
    this.browser = null;
    if (starting === null) return;
    try {
      await (await starting).close();
    } catch {
      // A browser that never started has nothing to close.
    }
  }

  /** One launch shared by concurrent first requests; a failed or crashed browser is started afresh next time. */
  private startedBrowser(): Promise<Browser> {
    if (this.browser === null) {
      const launching = this.launch();
      this.browser = launching;
      launching.then(
        (browser) => {
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
        },
        () => {
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    try {
      await access(this.executablePath, constants.X_OK);
    } catch (error) {
      throw new DocumentRendererUnavailableError(
        `Chromium is not installed at ${this.executablePath}: install it (apt-get install -y chromium fonts-noto-cjk) or set CARAPACE_CHROMIUM_PATH`,
        { cause: error },
      );
    }
    try {
      return await chromium.launch({
        executablePath: this.executablePath,
        args: CHROMIUM_ARGS,
        timeout: RENDER_TIMEOUT_MS,
        // Playwright's own SIGINT handler would close the browser and exit with 130 before the server's
        // graceful stop; the server closes the renderer itself (close()) as part of that stop.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new DocumentRendererUnavailableError(
        `Chromium at ${this.executablePath} did not start: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
        { cause: error },
      );
    }
  }
}
