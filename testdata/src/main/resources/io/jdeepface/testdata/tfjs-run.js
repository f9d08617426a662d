// Runs a TF.js graph model on the pure-JavaScript CPU backend: the reference for parity tests.
// usage: node tfjs-run.js MODEL_JSON REQUEST_JSON OUT_DIR
// REQUEST_JSON: {"inputs": {"name": {"shape": [..], "file": "x.f32"}}, "outputs": ["name", ...]}
// Each input file holds raw little-endian float32; each output is written as OUT_DIR/<i>.f32 and
// OUT_DIR/result.json lists {"name", "shape", "file"} per output.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfconv = require('@tensorflow/tfjs-converter');

function fileHandler(modelJson) {
  const dir = path.dirname(modelJson);
  return {
    load: async () => {
      const m = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
      const specs = [];
      const buffers = [];
      for (const group of m.weightsManifest) {
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
        specs.push(...group.weights);
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return {
        modelTopology: m.modelTopology, format: m.format, generatedBy: m.generatedBy,
        convertedBy: m.convertedBy, signature: m.signature, userDefinedMetadata: m.userDefinedMetadata,
        weightSpecs: specs, weightData,
      };
    },
  };
}

async function main() {
  const [modelJson, requestJson, outDir] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const model = await tfconv.loadGraphModel(fileHandler(modelJson));
  const req = JSON.parse(fs.readFileSync(requestJson, 'utf8'));
  const feeds = {};
  for (const [name, spec] of Object.entries(req.inputs)) {
    const buf = fs.readFileSync(spec.file);
    const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    feeds[name] = tf.tensor(data, spec.shape, 'float32');
  }
  const names = req.outputs && req.outputs.length ? req.outputs : model.outputs.map((o) => o.name);
  let outs = model.execute(feeds, names);
  if (!Array.isArray(outs)) outs = [outs];
  const result = [];
  outs.forEach((t, i) => {
    const data = t.dataSync();
    const file = path.join(outDir, i + '.f32');
    fs.writeFileSync(file, Buffer.from(new Float32Array(data).buffer));
    result.push({ name: names[i], shape: t.shape, file });
  });
  fs.writeFileSync(path.join(outDir, 'result.json'), JSON.stringify(result));
}

main().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });
