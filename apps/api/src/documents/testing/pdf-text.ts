import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfContents {
  readonly pages: number;
  /** The text poppler extracts, with every run of white space (NBSP included) made one space. */
  readonly text: string;
}

/**
 * Reads a PDF the way a person's viewer does, with poppler's pdftotext and pdfinfo
 * (`apt-get install -y poppler-utils`): what a test finds here is really printed, not only in the HTML.
 */
export async function readPdf(pdf: Uint8Array): Promise<PdfContents> {
  const directory = await mkdtemp(join(tmpdir(), 'carapace-pdf-'));
  try {
    const file = join(directory, 'document.pdf');
    await writeFile(file, pdf);
    const info = await run('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1] ?? '0');
    const extracted = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
    return { pages, text: extracted.stdout.replace(/\s+/gu, ' ') };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** A value as it appears in extracted text: white space normalised the same way. */
export function asExtracted(text: string): string {
  return text.replace(/\s+/gu, ' ');
}
