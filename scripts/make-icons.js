#!/usr/bin/env node
/*
 * Draws the add-in's icons (assets/icon-*.png): a green rounded square with a white stack with smoke
 * and two bars, the phased and the total right. Plain PNG encoding with zlib, no image library.
 * Run once after changing the design: node scripts/make-icons.js
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Coverage of the unit-square shape at (u, v), 4x4 supersampled. */
function coverage(size, x, y, inside) {
  let hit = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hit++;
  return hit / 16;
}

const GREEN = [16, 124, 65];
const WHITE = [255, 255, 255];

function roundedSquare(u, v) {
  const r = 0.18, m = 0.04;
  const cx = Math.min(Math.max(u, m + r), 1 - m - r);
  const cy = Math.min(Math.max(v, m + r), 1 - m - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r && u >= m && u <= 1 - m && v >= m && v <= 1 - m;
}

function glyph(u, v) {
  const stack = u >= 0.2 && u <= 0.32 && v >= 0.3 && v <= 0.8;
  const smoke = (u - 0.3) ** 2 + (v - 0.2) ** 2 <= 0.008 || (u - 0.4) ** 2 + (v - 0.14) ** 2 <= 0.005;
  const bar1 = u >= 0.42 && u <= 0.56 && v >= 0.52 && v <= 0.8;
  const bar2 = u >= 0.62 && u <= 0.76 && v >= 0.38 && v <= 0.8;
  const ground = u >= 0.16 && u <= 0.84 && v >= 0.8 && v <= 0.86;
  return stack || smoke || bar1 || bar2 || ground;
}

const out = path.join(__dirname, "..", "assets");
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  const buf = png(size, (x, y) => {
    const bg = coverage(size, x, y, roundedSquare);
    const fg = coverage(size, x, y, (u, v) => roundedSquare(u, v) && glyph(u, v));
    const c = GREEN.map((g, i) => Math.round(g * (1 - fg / Math.max(bg, 1e-9)) + WHITE[i] * (fg / Math.max(bg, 1e-9))));
    return [...c, Math.round(255 * bg)];
  });
  fs.writeFileSync(path.join(out, `icon-${size}.png`), buf);
}
console.log(`icons written to ${out}`);
