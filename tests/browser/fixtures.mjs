// Files the seeded node publishes, made here so that the repository carries no
// binaries: a hero picture and an emblem (PNG) and two versions of a charter (PDF).
//
//   node tests/browser/fixtures.mjs OUT_DIR
//
// Writes OUT_DIR/{piazza.png, emblem.png, carta-1.0.pdf, carta-1.1.pdf}.

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG whose pixel (x, y) is `colour(x, y)` = [r, g, b]. */
export function png(width, height, colour) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

/** A town square at dusk: sky, sun, a row of houses with lit windows, a bell tower, the paving. */
function piazza(x, y) {
  const W = 1200, H = 600;
  const ground = 470;
  if (y >= ground) {
    const stone = (Math.floor(x / 40) + Math.floor(y / 20)) % 2 ? [176, 160, 140] : [160, 144, 124];
    return mix(stone, [120, 104, 88], (y - ground) / (H - ground));
  }
  // bell tower
  if (x >= 820 && x < 900 && y >= 120) {
    if (y >= 160 && y < 200 && x >= 845 && x < 875) return [40, 36, 48];
    return [196, 120, 84];
  }
  if (y >= 90 && y < 120 && x >= 860 - (y - 90) * 1.4 && x < 860 + (y - 90) * 1.4) return [150, 70, 60];
  // houses: each 120 px wide, heights vary
  const house = Math.floor(x / 120);
  const top = 300 + ((house * 53) % 90);
  if (y >= top) {
    const colours = [[222, 170, 110], [205, 110, 90], [235, 205, 150], [190, 140, 110], [215, 185, 120]];
    const lx = x % 120, ly = y - top;
    const window = lx > 20 && lx < 100 && (lx % 40) > 10 && (lx % 40) < 30 && (ly % 60) > 20 && (ly % 60) < 45;
    if (window) return (house + Math.floor(ly / 60)) % 3 ? [255, 214, 120] : [60, 60, 80];
    return colours[house % colours.length];
  }
  // sun
  const dx = x - 300, dy = y - 200;
  if (dx * dx + dy * dy < 60 * 60) return [255, 200, 90];
  return mix([40, 70, 140], [250, 160, 110], y / ground);
}

/** An emblem: a red shield with a white cross on a light ground. */
function emblem(x, y) {
  const S = 256;
  const cx = x - S / 2;
  const inShield =
    y >= 24 && y < 232 && Math.abs(cx) < 100 && (y < 150 || Math.abs(cx) < 100 * Math.sqrt(Math.max(0, 1 - ((y - 150) / 82) ** 2)));
  if (!inShield) return [244, 240, 232];
  const cross = (Math.abs(cx) < 18 && y > 50 && y < 205) || (y > 95 && y < 131 && Math.abs(cx) < 75);
  return cross ? [255, 255, 255] : [190, 30, 45];
}

/** A one-page PDF showing `lines` (plain ASCII), with a correct cross-reference table. */
export function pdf(title, lines) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => '\\' + c);
  const text = ['BT', '/F1 20 Tf', '72 760 Td', `(${esc(title)}) Tj`, '/F1 12 Tf', '0 -32 Td']
    .concat(lines.flatMap((l) => [`(${esc(l)}) Tj`, '0 -18 Td']))
    .concat(['ET'])
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    `<< /Title (${esc(title)}) /Producer (civicpub browser tests) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node fixtures.mjs OUT_DIR');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'piazza.png'), png(1200, 600, piazza));
  writeFileSync(join(dir, 'emblem.png'), png(256, 256, emblem));
  const articles = [
    'Art. 1 - The city involves residents in the decisions that concern them.',
    'Art. 2 - Every proposal is published at least 30 days before the vote.',
    'Art. 3 - Any resident may comment, online or at the town hall.',
  ];
  writeFileSync(join(dir, 'carta-1.0.pdf'), pdf('Carta della partecipazione 1.0', articles));
  writeFileSync(
    join(dir, 'carta-1.1.pdf'),
    pdf('Carta della partecipazione 1.1', [
      ...articles,
      'Art. 4 - Comments receive a written answer within 60 days.',
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
