// Records the ORIGINAL face-api detectors' outputs at the settings the booth uses besides face-api's defaults
// (which scripts/record-face-reference.cjs covers): tiny_face_detector at inputSize 224, 320 and 608, and
// SSD-MobileNetV1 at minConfidence 0.2 (more candidates, so the suppression has work to do).
//
// Set-up as scripts/record-face-reference.cjs (the same pure-JS stack), then from the project root:
//   NODE_PATH=$PWD/node_modules node scripts/record-face-detect-reference.cjs
// Reads models/face-api and src/test/resources/faces/scene.png (written by record-face-reference.cjs; Java
// reads it exactly) and assets/faces/sample*.jpg (decoded by jpeg-js); writes
// src/test/resources/faces/detect-reference.json.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const jpeg = require('jpeg-js');

const root = path.resolve(__dirname, '..');
const modelDir = path.join(root, 'models', 'face-api');
const out = path.join(root, 'src', 'test', 'resources', 'faces');
const tf = faceapi.tf;
const r7 = (v) => Number(v.toPrecision(7));

function weightMap(name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, `${name}-weights_manifest.json`)));
  const specs = manifest.flatMap((g) => g.weights);
  const buf = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p)))));
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length), specs);
}

function rgbTensor(rgba, w, h) {
  const rgb = new Int32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = rgba[4 * i + c];
  return tf.tensor3d(rgb, [h, w, 3], 'int32');
}

function readPng(file) { // only what record-face-reference.cjs writes: 8-bit RGB, filter 0 on every row
  const buf = fs.readFileSync(file);
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20);
  const idat = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at), type = buf.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const rows = zlib.inflateSync(Buffer.concat(idat));
  if (buf[24] !== 8 || buf[25] !== 2) throw new Error(`${file}: expected 8-bit RGB`);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    if (rows[y * (1 + 3 * w)] !== 0) throw new Error(`${file}: row ${y} uses a PNG filter this reader lacks`);
    for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) rgba[4 * (y * w + x) + c] = rows[y * (1 + 3 * w) + 1 + 3 * x + c];
  }
  return rgbTensor(rgba, w, h);
}

const det = (d) => ({ box: { x: r7(d.box.x), y: r7(d.box.y), width: r7(d.box.width), height: r7(d.box.height) }, score: r7(d.score) });

async function detect(img) {
  const res = {};
  for (const inputSize of [224, 320, 608]) {
    res[`tiny${inputSize}`] = (await faceapi.nets.tinyFaceDetector.locateFaces(img,
      new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 }))).map(det);
  }
  res.ssd02 = (await faceapi.nets.ssdMobilenetv1.locateFaces(img, { minConfidence: 0.2 })).map(det);
  return res;
}

(async () => {
  await tf.setBackend('wasm'); await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromWeightMap(weightMap('ssd_mobilenetv1_model'));
  await faceapi.nets.tinyFaceDetector.loadFromWeightMap(weightMap('tiny_face_detector_model'));
  const scene = readPng(path.join(out, 'scene.png'));
  const ref = {
    source: '@vladmandic/face-api 1.7.15, dist/face-api.node-wasm.js, @tensorflow/tfjs(-backend-wasm) ' + tf.version_core
      + ', jpeg-js; locateFaces (best first); tinyN: inputSize N, scoreThreshold 0.5; ssd02: minConfidence 0.2',
    scene: { file: 'scene.png', ...(await detect(scene)) },
    samples: [],
  };
  const files = fs.readdirSync(path.join(root, 'assets', 'faces')).filter((f) => /^sample\d+\.jpg$/.test(f)).sort();
  for (const file of files) {
    const raw = jpeg.decode(fs.readFileSync(path.join(root, 'assets', 'faces', file)), { useTArray: true });
    const img = rgbTensor(raw.data, raw.width, raw.height);
    ref.samples.push({ file, ...(await detect(img)) });
    img.dispose();
  }
  fs.writeFileSync(path.join(out, 'detect-reference.json'), JSON.stringify(ref) + '\n');
  console.log('wrote', path.join(out, 'detect-reference.json'));
})().catch((e) => { console.error(e.stack || e); process.exit(1); });
