// Converts Zalando's Fashion-MNIST (MIT) from Debian's package `dataset-fashion-mnist` into
// assets/fashion-mnist/fashion-mnist-70k.idx.gz, in the format of assets/mnist/mnist-10k.idx.gz:
// one gzip stream holding an IDX3 image tensor (70000x28x28 unsigned bytes) followed by an IDX1
// label tensor (70000 unsigned bytes). The 60,000 training garments come first in their original
// order, then the 10,000 test garments (no shuffling: the test split stays the test split;
// Dataset.FASHION takes the first 60,000 as its training set and the last 10,000 as its test set).
// It also copies the package's copyright file to assets/fashion-mnist/LICENSE-fashion-mnist.
//
// Usage: node scripts/convert-fashion-mnist.mjs
//   (runs `apt-get download dataset-fashion-mnist` and `dpkg-deb -x` in a temporary folder; nothing
//   is installed. Set FASHION_MNIST_DEB=/path/to/the.deb to convert a .deb that is already here.)
import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'fashion-mnist-'));
let deb = process.env.FASHION_MNIST_DEB && resolve(process.env.FASHION_MNIST_DEB);
if (!deb) {
  execSync('apt-get download dataset-fashion-mnist', { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  const name = readdirSync(work).find(f => f.startsWith('dataset-fashion-mnist_') && f.endsWith('.deb'));
  if (!name) throw new Error(`apt-get download left no dataset-fashion-mnist_*.deb in ${work}`);
  deb = join(work, name);
}
execSync(`dpkg-deb -x '${deb}' '${join(work, 'x')}'`);
const version = execSync(`dpkg-deb -f '${deb}' Version`).toString().trim();
const dir = join(work, 'x/usr/share/datasets/fashion-mnist');

/** Reads one gzipped IDX file, checks its magic and shape, returns { n, body }. */
function idx(file, magic, dims) {
  const b = gunzipSync(readFileSync(join(dir, file)));
  if (b.readUInt32BE(0) !== magic) throw new Error(`${file}: magic ${b.readUInt32BE(0).toString(16)}, expected ${magic.toString(16)}`);
  const n = b.readUInt32BE(4);
  const header = 4 + 4 * dims;
  if (dims === 3 && (b.readUInt32BE(8) !== 28 || b.readUInt32BE(12) !== 28)) throw new Error(`${file}: not 28x28`);
  const per = dims === 3 ? 784 : 1;
  if (b.length !== header + n * per) throw new Error(`${file}: ${b.length} bytes, expected ${header + n * per}`);
  return { n, body: b.subarray(header) };
}

const trainX = idx('train-images-idx3-ubyte.gz', 0x803, 3), trainY = idx('train-labels-idx1-ubyte.gz', 0x801, 1);
const testX = idx('t10k-images-idx3-ubyte.gz', 0x803, 3), testY = idx('t10k-labels-idx1-ubyte.gz', 0x801, 1);
if (trainX.n !== 60000 || trainY.n !== 60000 || testX.n !== 10000 || testY.n !== 10000) {
  throw new Error(`unexpected sizes: train ${trainX.n}/${trainY.n}, test ${testX.n}/${testY.n}`);
}
for (const y of [trainY, testY]) for (const v of y.body) if (v > 9) throw new Error(`label ${v} out of range`);

const n = trainX.n + testX.n;
const imgHeader = Buffer.alloc(16);
imgHeader.writeUInt32BE(0x00000803, 0); imgHeader.writeUInt32BE(n, 4);
imgHeader.writeUInt32BE(28, 8); imgHeader.writeUInt32BE(28, 12);
const labHeader = Buffer.alloc(8);
labHeader.writeUInt32BE(0x00000801, 0); labHeader.writeUInt32BE(n, 4);

const outDir = join(repo, 'assets/fashion-mnist');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'fashion-mnist-70k.idx.gz');
writeFileSync(out, gzipSync(Buffer.concat([imgHeader, trainX.body, testX.body, labHeader, trainY.body, testY.body]), { level: 9 }));
copyFileSync(join(work, 'x/usr/share/doc/dataset-fashion-mnist/copyright'), join(outDir, 'LICENSE-fashion-mnist'));
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${n} garments (60000 train, then 10000 test) from dataset-fashion-mnist ${version} to ${out}`);
