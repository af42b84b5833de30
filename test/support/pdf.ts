import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function hasPdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Whether the PDF's text can be read here. Debian's poppler-utils is a system package: CI
 * installs it (.ci/run) and fails without it; on a developer's machine without it the tests
 * that read a PDF are skipped, as the PostgreSQL suite is without a database.
 */
export const canReadPdf = hasPdfToText();
if (!canReadPdf) {
  if (inCi) throw new Error('CI must read report PDFs: install poppler-utils (pdftotext).');
  console.log('PDF text checks SKIPPED — install poppler-utils (pdftotext) to run them.');
}

/**
 * The text of a PDF as `pdftotext` reads it — what a person copying from the report, or a
 * screen reader, would get. Streams in the PDF are compressed, so looking for text in the raw
 * bytes would prove nothing.
 */
export function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
