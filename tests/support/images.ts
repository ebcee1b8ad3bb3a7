/**
 * Images for tests: a real PNG made here, and stand-ins for the figures a real paper's fixture leaves
 * out (the fixtures keep the papers' text and bibliographies, not their images), so that a paper
 * builds as it would with its figures beside it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Writes a stand-in PNG for each image the folder's Markdown shows that is not there; returns their paths. */
export function writeStandInFigures(dir: string): string[] {
  const written: string[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.md'))) {
    // `](Fig1.png`: a description may hold brackets of its own (`![A map [@doe2001].](map.png)`).
    for (const match of readFileSync(join(dir, name), 'utf8').matchAll(/\]\(([^)\s]+\.png)/gi)) {
      const path = match[1]!;
      if (/^[a-z]+:/i.test(path) || path.startsWith('/') || existsSync(join(dir, path)) || !/\.png$/i.test(path)) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), pngImage(64, 40));
      written.push(path);
    }
  }
  return written;
}
