// Draws the app's icons (a gold star on the app's red) as PNG into web/public/icons, with no image
// library and no network: `node web/pwa/icons.mjs`. The files are checked in; run again after a change.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const RED = [0xb7, 0x1c, 0x1c];
const GOLD = [0xff, 0xd5, 0x4f];
const out = join(import.meta.dirname, "../public/icons");

/** The five-pointed star's ten corners around the centre, radius 1, first point up. */
const star = Array.from({ length: 10 }, (_, i) => {
  const r = i % 2 ? 0.382 : 1;
  const a = -Math.PI / 2 + (i * Math.PI) / 5;
  return [r * Math.cos(a), r * Math.sin(a)];
});

function inside(x, y) {
  let hit = false;
  for (let i = 0, j = star.length - 1; i < star.length; j = i++) {
    const [xi, yi] = star[i];
    const [xj, yj] = star[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** An RGB image of `size` px: the star at `scale` of the half-width (4×4 samples a pixel for soft edges). */
function draw(size, scale) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let s = 0; s < 16; s++) {
        const x = ((px + ((s % 4) + 0.5) / 4) / size - 0.5) * (2 / scale);
        const y = ((py + (Math.floor(s / 4) + 0.5) / 4) / size - 0.5) * (2 / scale) + 0.08; // optical centre
        if (inside(x, y)) covered++;
      }
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(RED[c] + ((GOLD[c] - RED[c]) * covered) / 16);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

writeFileSync(join(out, "icon-192.png"), draw(192, 0.72));
writeFileSync(join(out, "icon-512.png"), draw(512, 0.72));
// Maskable: the launcher may cut to a circle of 80% of the width, so the star stays well inside it.
writeFileSync(join(out, "icon-maskable-512.png"), draw(512, 0.5));
