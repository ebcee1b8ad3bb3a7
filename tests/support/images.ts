/**
 * Images for tests: a real PNG made here, and stand-ins for the figures a real paper's fixture leaves
 * out (the fixtures keep the papers' text and bibliographies, not their images), so that a paper
 * builds as it would with its figures beside it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/** A PNG of the given size: a gradient, so that resized copies of it are real images too. */
export function pngImage(width: number, height: number): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(Math.round((x / width) * 255), Math.round((y / height) * 255), 120);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc;
}

/**
 * A one-page PDF of the given size in points, drawn by hand (about 400 bytes): a blue band across a
 * white page, so that its first page converted to PNG has colour where the PDF drew it.
 */
export function pdfDocument(width: number, height: number): Buffer {
  const drawing = `0.27 0.51 0.71 rg 0 ${height / 4} ${width} ${height / 2} re f`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents 4 0 R /Resources << >> >>`,
    `<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A 64 × 40 SVG. */
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="40" viewBox="0 0 64 40"><rect width="64" height="40" fill="#4682b4"/></svg>\n';

/** Small valid files of the formats not made here, each 64 × 40, one colour (written once with sharp). */
const ENCODED: Readonly<Record<string, string>> = {
  jpeg: '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAoAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCIBUJgAAAAAAAAAAAAAAAAAAAAAB//2Q==',
  gif: 'R0lGODlhQAAoAIAAAExpcUaCtCH5BAUAAAAALAAAAABAACgAAAI0jI+py+0Po5y02ouz3rz7D4biSJbmiabqyrbuC8fyTNf2jef6zvf+DwwKh8Si8YhMKpeIAgA7',
  webp: 'UklGRkgAAABXRUJQVlA4IDwAAACQAwCdASpAACgAPm02mEkkIyKhIqgAgA2JZwB2AAAt4QkfWPDAAP7cUf//wQW1Hphx4f/+A3XxbL4AAAA=',
  avif: 'AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAABAAAAImlsb2MAAAAAREAAAQABAAAAAAD6AAEAAAAAAAAAHwAAACNpaW5mAAAAAAABAAAAFWluZmUCAAAAAAEAAGF2MDEAAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAEAAAAAoAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAnbWRhdBIACgk4FX+dhAQ0GkAyEBgAAABACgWjxbr8bI+qW4A=',
};

/** A small valid file of the format an image's extension names, or undefined for another extension. */
export function standInImage(path: string): Buffer | undefined {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (extension) {
    case 'png':
      return pngImage(64, 40);
    case 'pdf':
      return pdfDocument(144, 90);
    case 'svg':
      return Buffer.from(SVG);
    case 'jpg':
    case 'jpeg':
      return Buffer.from(ENCODED['jpeg']!, 'base64');
    case 'gif':
    case 'webp':
    case 'avif':
      return Buffer.from(ENCODED[extension]!, 'base64');
    default:
      return undefined;
  }
}

/**
 * The paths of the images a Markdown text shows (`![…](path)`, the description may hold brackets of
 * its own: `![A map [@doe2001].](map.png)`), as written; links (`[…](paper.pdf)`) are not images.
 */
export function imagePaths(markdown: string): string[] {
  const paths: string[] = [];
  // `](path` or `](<a path with spaces>`, as Pandoc writes them.
  for (const match of markdown.matchAll(/\]\((?:<([^>\n]+)>|([^)\s]+))/g)) {
    // Back from the `]` to the `[` that opens it, past nested brackets: an image's has a `!` before it.
    let depth = 0;
    let at = match.index;
    for (; at >= 0 && match.index - at < 5000; at--) {
      if (markdown[at] === ']') depth++;
      else if (markdown[at] === '[' && --depth === 0) break;
    }
    if (at > 0 && markdown[at - 1] === '!') paths.push((match[1] ?? match[2])!);
  }
  return paths;
}

/**
 * Writes a stand-in for each image the folder's Markdown (`.md`, `.qmd`) shows that is not there, of
 * the format its extension names (PNG, JPEG, GIF, WebP, AVIF, SVG, a one-page PDF); returns their
 * paths as written. A path may leave the folder (`../shared/map.png`), never `contentRoot` (by
 * default the folder's parent, content/ for an essay folder): what lies outside is left missing.
 */
export function writeStandInFigures(dir: string, contentRoot: string = dirname(dir)): string[] {
  const written: string[] = [];
  const root = resolve(contentRoot);
  for (const name of readdirSync(dir).filter((file) => /\.q?md$/i.test(file))) {
    for (const path of imagePaths(readFileSync(join(dir, name), 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('#')) continue;
      let file: string;
      try {
        file = resolve(dir, decodeURIComponent(path.replace(/[?#].*$/, '')));
      } catch {
        continue;
      }
      const bytes = standInImage(file);
      if (!bytes || existsSync(file) || relative(root, file).startsWith('..') || isAbsolute(relative(root, file))) continue;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      written.push(path);
    }
  }
  return written;
}
