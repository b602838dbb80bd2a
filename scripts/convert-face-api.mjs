// Brings the pretrained face networks of npm `@vladmandic/face-api` 1.7.15 (MIT) and its six MIT-licensed
// demo photos into the repository: models/face-api/ gets each network's TF.js weights (manifest JSON + .bin,
// kept byte for byte: engine/face/TfjsWeights reads that format, so no lossy re-encoding happens here) and
// assets/faces/ the sample photos (test faces and the booth's offline image-folder source).
//
// Usage: node scripts/convert-face-api.mjs   (runs `npm pack @vladmandic/face-api@1.7.15` in a temporary folder)
import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const VERSION = '1.7.15';
const NETS = ['ssd_mobilenetv1_model', 'tiny_face_detector_model', 'face_landmark_68_model', 'face_landmark_68_tiny_model',
  'face_recognition_model', 'age_gender_model', 'face_expression_model'];
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'face-api-'));
execSync(`npm pack @vladmandic/face-api@${VERSION} --silent`, { cwd: work });
execSync(`tar xzf vladmandic-face-api-${VERSION}.tgz`, { cwd: work });
const pkg = join(work, 'package');

const sha = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
const models = join(repo, 'models', 'face-api');
mkdirSync(models, { recursive: true });
const files = [];
for (const net of NETS) {
  const manifest = `${net}-weights_manifest.json`;
  copyFileSync(join(pkg, 'model', manifest), join(models, manifest));
  files.push(manifest);
  for (const group of JSON.parse(readFileSync(join(pkg, 'model', manifest)))) {
    for (const p of group.paths) { copyFileSync(join(pkg, 'model', p), join(models, p)); files.push(p); }
  }
}
copyFileSync(join(pkg, 'LICENSE'), join(models, 'LICENSE'));
writeFileSync(join(models, 'SOURCE.md'), [
  `# face-api networks`, ``,
  `Source: npm package \`@vladmandic/face-api@${VERSION}\`, folder \`model/\` (TF.js weight manifests and shards),`,
  `copied unchanged by \`node scripts/convert-face-api.mjs\`. Licence: MIT (LICENSE beside this file).`,
  `The architectures are rebuilt in DL4J by engine/face from the package's TypeScript sources (\`src/\`).`, ``,
  `| file | sha256 |`, `| --- | --- |`,
  ...files.map((f) => `| ${f} | ${sha(join(models, f))} |`), ``].join('\n'));

const faces = join(repo, 'assets', 'faces');
mkdirSync(faces, { recursive: true });
const photos = [1, 2, 3, 4, 5, 6].map((i) => `sample${i}.jpg`);
for (const p of photos) copyFileSync(join(pkg, 'demo', p), join(faces, p));
copyFileSync(join(pkg, 'LICENSE'), join(faces, 'LICENSE-face-api'));
writeFileSync(join(faces, 'SOURCE.md'), [
  `# Sample face photos`, ``,
  `Source: npm package \`@vladmandic/face-api@${VERSION}\`, \`demo/sample1.jpg\` … \`demo/sample6.jpg\`, shipped in that`,
  `package under its MIT licence (LICENSE-face-api beside this file); copied by \`node scripts/convert-face-api.mjs\`.`,
  `Used as test faces, as the reference images of the port's golden outputs, and as the booth's offline image-folder source.`, ``,
  `| file | sha256 |`, `| --- | --- |`,
  ...photos.map((f) => `| ${f} | ${sha(join(faces, f))} |`), ``].join('\n'));
console.log(`models/face-api: ${files.length} files; assets/faces: ${photos.length} photos`);
