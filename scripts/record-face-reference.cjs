// Records reference outputs of the ORIGINAL face-api networks, which the Java ports are tested against.
//
// Set-up (once, in any scratch folder), the same pure-JS stack as ../shared/bench/face_peer.cjs:
//   npm install @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 jpeg-js@0.4.4
//   NODE_PATH=$PWD/node_modules node scripts/record-face-reference.cjs      (run from the project root)
// Weights are read from models/face-api (the same files the studio loads), images from assets/faces/sample*.jpg
// (decoded by jpeg-js). Writes src/test/resources/faces/:
//   reference.json  full pipeline per sample (SSD-MobileNetV1 minConfidence 0.5 → face_landmark_68 and _tiny →
//                   dlib-aligned crop → 128-d descriptor; min-bbox-aligned crop → age/gender and expressions) and
//                   tiny_face_detector detections (inputSize 416, scoreThreshold 0.5);
//                   "isolated": raw outputs of each net for the PNG inputs below, fed at the net's input size so
//                   no crop or resize is involved (Java reproduces the input exactly).
//   rec150_*.png    150×150 inputs of face_recognition; lm112_*.png 112×112 inputs of the landmark, age_gender
//                   and expression nets. Both are face-api's own crops (padToSquare, resizeBilinear), rounded to
//                   integers. scene.png: a 1/6 downscale of sample1 (box-filter, rounded) for the detectors.
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
const r6 = (v) => Number(v.toPrecision(7)); // float32 carries ~7 significant digits; keeps the JSON small

function weightMap(name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, `${name}-weights_manifest.json`)));
  const specs = manifest.flatMap((g) => g.weights);
  const buf = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p)))));
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length), specs);
}

function decode(file) { // int32 HxWx3, as face_peer.cjs feeds frames
  const raw = jpeg.decode(fs.readFileSync(file), { useTArray: true });
  const rgb = new Int32Array(raw.width * raw.height * 3);
  let sum = 0;
  for (let i = 0, d = 0; i < raw.width * raw.height; i++) {
    for (let c = 0; c < 3; c++) { rgb[d] = raw.data[4 * i + c]; sum += rgb[d++]; }
  }
  return { tensor: tf.tensor3d(rgb, [raw.height, raw.width, 3], 'int32'), meanRgb: sum / rgb.length };
}

// --- a minimal RGB8 PNG writer (zlib is Node's own), so no extra npm package is needed
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function writePng(file, hwc, h, w) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const rows = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    rows[y * (1 + 3 * w)] = 0;
    for (let i = 0; i < 3 * w; i++) rows[y * (1 + 3 * w) + 1 + i] = hwc[y * 3 * w + i];
  }
  fs.writeFileSync(file, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
}

// face-api's own input preparation (NetInput.toBatchTensor): crop, centred padToSquare, resizeBilinear; rounded
async function cropInput(img, rect, size) {
  const [face] = await faceapi.extractFaceTensors(img, [rect]);
  const t = tf.tidy(() => {
    const sq = faceapi.padToSquare(face.expandDims(0), true);
    const resized = tf.image.resizeBilinear(sq, [size, size], false, false);
    return resized.round().clipByValue(0, 255).toInt().squeeze([0]);
  });
  face.dispose();
  return t;
}

const box = (b) => ({ x: r6(b.x), y: r6(b.y), width: r6(b.width), height: r6(b.height) });
const points = (lm) => lm.positions.map((p) => [r6(p.x), r6(p.y)]);
const arr = (a) => Array.from(a, r6);

async function isolated(img, rect, id, detail) {
  const rec = await cropInput(img, rect.dlib, 150);
  const lm = await cropInput(img, rect.box, 112);
  writePng(path.join(out, `rec150_${id}.png`), await rec.data(), 150, 150);
  writePng(path.join(out, `lm112_${id}.png`), await lm.data(), 112, 112);
  const nets = faceapi.nets;
  const descriptor = await nets.faceRecognitionNet.computeFaceDescriptor(rec);
  const lmInput = await faceapi.toNetInput(lm);
  const raw = (net) => tf.tidy(() => net.runNet(lmInput).dataSync());
  const ag = nets.ageGenderNet.forwardInput(lmInput);
  const expr = nets.faceExpressionNet.forwardInput(lmInput);
  const res = {
    id, ...detail,
    rec150: `rec150_${id}.png`,
    lm112: `lm112_${id}.png`,
    descriptor: arr(descriptor),
    landmarks68Raw: arr(raw(nets.faceLandmark68Net)),
    landmarks68TinyRaw: arr(raw(nets.faceLandmark68TinyNet)),
    age: r6((await ag.age.data())[0]),
    genderProbabilities: arr(await ag.gender.data()), // softmax over [male, female]
    expressionLogits: arr(raw(nets.faceExpressionNet)),
    expressionProbabilities: arr(await expr.data()), // neutral, happy, sad, angry, fearful, disgusted, surprised
  };
  [rec, lm, ag.age, ag.gender, expr].forEach((t) => t.dispose());
  return res;
}

function scene(img) { // 1/6 box-filtered downscale, so the detectors see an input Java can reproduce exactly
  return tf.tidy(() => tf.avgPool(img.toFloat().expandDims(0), 6, 6, 'valid').round().toInt().squeeze([0]));
}

async function detections(img, ssdOpts, tinyOpts) {
  const ssd = await faceapi.detectAllFaces(img, ssdOpts);
  const tiny = await faceapi.detectAllFaces(img, tinyOpts);
  const det = (d) => ({ box: box(d.box), score: r6(d.score) });
  return { ssd: ssd.map(det), tiny: tiny.map(det) };
}

async function pipeline(img, ssdOpts) { // SSD faces with everything face-api computes for them, left to right
  const full = await faceapi.detectAllFaces(img, ssdOpts).withFaceLandmarks().withFaceDescriptors()
    .withAgeAndGender().withFaceExpressions();
  const tinyLm = await faceapi.detectAllFaces(img, ssdOpts).withFaceLandmarks(true);
  full.sort((a, b) => a.detection.box.x - b.detection.box.x);
  tinyLm.sort((a, b) => a.detection.box.x - b.detection.box.x);
  const faces = full.map((f, i) => ({
    box: box(f.detection.box),
    score: r6(f.detection.score),
    landmarks68: points(f.landmarks),
    landmarks68Tiny: points(tinyLm[i].landmarks),
    alignedRect: box(f.alignedRect.box), // crop of age/gender and expressions (min bbox of landmarks, 20% pad)
    dlibRect: box(f.landmarks.align(null, { useDlibAlignment: true })), // crop of the descriptor
    descriptor: arr(f.descriptor),
    age: r6(f.age),
    gender: f.gender,
    genderProbability: r6(f.genderProbability),
    expressions: Object.fromEntries(Object.entries(f.expressions).map(([k, v]) => [k, r6(v)])),
  }));
  return { full, faces };
}

// face-api's crop + padToSquare + resizeBilinear of a fractional box, unrounded: checks the Java glue exactly
async function cropCheck(img, b, size) {
  const [face] = await faceapi.extractFaceTensors(img, [new faceapi.Rect(b.x, b.y, b.width, b.height)]);
  const t = tf.tidy(() => tf.image.resizeBilinear(faceapi.padToSquare(face.expandDims(0), true), [size, size], false, false));
  const values = arr(await t.data()); // HWC
  face.dispose(); t.dispose();
  return { box: b, size, values };
}

(async () => {
  await tf.setBackend('wasm'); await tf.ready();
  const nets = faceapi.nets;
  await nets.ssdMobilenetv1.loadFromWeightMap(weightMap('ssd_mobilenetv1_model'));
  await nets.tinyFaceDetector.loadFromWeightMap(weightMap('tiny_face_detector_model'));
  await nets.faceLandmark68Net.loadFromWeightMap(weightMap('face_landmark_68_model'));
  await nets.faceLandmark68TinyNet.loadFromWeightMap(weightMap('face_landmark_68_tiny_model'));
  await nets.faceRecognitionNet.loadFromWeightMap(weightMap('face_recognition_model'));
  await nets.ageGenderNet.loadFromWeightMap(weightMap('age_gender_model'));
  await nets.faceExpressionNet.loadFromWeightMap(weightMap('face_expression_model'));
  fs.mkdirSync(out, { recursive: true });
  const ssdOpts = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 });
  const tinyOpts = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });

  const samples = [];
  const isolatedRefs = [];
  let sceneRef = null;
  const files = fs.readdirSync(path.join(root, 'assets', 'faces')).filter((f) => /^sample\d+\.jpg$/.test(f)).sort();
  for (const file of files) {
    const { tensor: img, meanRgb } = decode(path.join(root, 'assets', 'faces', file));
    const [height, width] = img.shape;
    const { full, faces } = await pipeline(img, ssdOpts);
    const tinyDet = await faceapi.detectAllFaces(img, tinyOpts);
    samples.push({
      file, width, height,
      jpegJsMeanRgb: r6(meanRgb), // decoders differ by a few levels: this lets a test see how far Java's is
      ssd: faces,
      tiny: tinyDet.sort((a, b) => a.box.x - b.box.x).map((d) => ({ box: box(d.box), score: r6(d.score) })),
    });
    // isolated inputs from the first face of samples 1 and 3 (two different people)
    if ((file === 'sample1.jpg' || file === 'sample3.jpg') && full.length > 0) {
      const f = full[0];
      const id = file.replace('.jpg', '');
      isolatedRefs.push(await isolated(img, {
        box: f.detection.box, dlib: f.landmarks.align(null, { useDlibAlignment: true }),
      }, id, { from: file }));
    }
    if (file === 'sample1.jpg') {
      const s = scene(img);
      writePng(path.join(out, 'scene.png'), await s.data(), s.shape[0], s.shape[1]);
      sceneRef = { file: 'scene.png', width: s.shape[1], height: s.shape[0], ...(await detections(s, ssdOpts, tinyOpts)),
        faces: (await pipeline(s, ssdOpts)).faces, // the whole pipeline on an input Java reads exactly
        crops: [await cropCheck(s, { x: 60.7, y: 50.2, width: 45.6, height: 55.9 }, 32),
          await cropCheck(s, { x: 130.3, y: 62.8, width: 50.5, height: 41.25 }, 24)] };
      s.dispose();
    }
    img.dispose();
    console.log(`${file}: ${faces.length} SSD faces, ${tinyDet.length} tiny`);
  }

  const ref = {
    source: '@vladmandic/face-api 1.7.15, dist/face-api.node-wasm.js, @tensorflow/tfjs(-backend-wasm) '
      + tf.version_core + ', jpeg-js; weights: models/face-api via tf.io.decodeWeights + loadFromWeightMap',
    options: { ssdMobilenetv1: { minConfidence: 0.5, maxResults: 100 }, tinyFaceDetector: { inputSize: 416, scoreThreshold: 0.5 } },
    samples,
    scene: sceneRef,
    isolated: isolatedRefs,
  };
  fs.writeFileSync(path.join(out, 'reference.json'), JSON.stringify(ref) + '\n');
  console.log('wrote', path.join(out, 'reference.json'));
})().catch((e) => { console.error(e.stack || e); process.exit(1); });
