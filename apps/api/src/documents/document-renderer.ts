/**
 * Turns a document's HTML into a PDF. A port: the routes need only this, the platform decides what
 * implements it (Chromium today), and tests can leave it out to check the 503 answer.
 */
export interface DocumentRenderer {
  /** A4 PDF of the document; resolves to the file's bytes. */
  renderPdf(html: string, options?: RenderPdfOptions): Promise<Uint8Array<ArrayBuffer>>;
  /** Releases the browser, if one was started. Rendering after `close` starts a new one. */
  close(): Promise<void>;
}

export interface RenderPdfOptions {
  /** Markup printed in the bottom margin of every page; `pageNumber` and `totalPages` spans are filled in. */
  readonly footerHtml?: string;
}

/** A document rendered to HTML, with the running footer that goes with it. */
export interface PrintableDocument {
  readonly html: string;
  readonly footerHtml: string;
}

/** The renderer cannot work: its browser is missing or does not start. The message says what to do. */
export class DocumentRendererUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DocumentRendererUnavailableError';
  }
}
