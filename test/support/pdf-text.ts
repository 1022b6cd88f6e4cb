import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFRawStream, PDFName } from 'pdf-lib';

/**
 * The text a PDF shows, read back with pdf-lib's own parser: each page's content streams are inflated and the strings
 * of its text-showing operators (`<hex> Tj`, `(literal) Tj`) decoded (WinAnsi, which pdf-lib's standard fonts use).
 * The certificate test reads the document this way rather than trusting the bytes it was built from.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      const raw = Buffer.from(stream.contents);
      const source = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
      for (const m of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
        lines.push(m[1] !== undefined ? Buffer.from(m[1], 'hex').toString('latin1') : m[2].replace(/\\(.)/g, '$1'));
      }
    }
  }
  return lines.join('\n');
}
