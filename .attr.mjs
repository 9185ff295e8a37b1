// Per-source byte attribution of chunks using source maps (minified bytes).
import { readdirSync, readFileSync } from "node:fs";
import { SourceMapConsumer } from "source-map-js";

const dir = "/tmp/fl-sm/assets/";
for (const prefix of process.argv.slice(2)) {
  const f = readdirSync(dir).find((x) => x.startsWith(prefix + "-") && x.endsWith(".js"));
  const code = readFileSync(dir + f, "utf8");
  const map = new SourceMapConsumer(JSON.parse(readFileSync(dir + f + ".map", "utf8")));
  const lines = code.split("\n");
  const sizes = {};
  const last = null;
  const segs = [];
  map.eachMapping((m) => segs.push(m));
  segs.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i],
      n = segs[i + 1];
    const end = n && n.generatedLine === s.generatedLine ? n.generatedColumn : lines[s.generatedLine - 1].length;
    const k = (s.source || "?")
      .replace(/.*node_modules\//, "nm:")
      .replace(/.*\/web\//, "web/")
      .replace(/.*\/schema\//, "schema/");
    sizes[k] = (sizes[k] || 0) + (end - s.generatedColumn);
  }
  console.log("==", f, code.length);
  for (const [k, v] of Object.entries(sizes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(String(v).padStart(7), k);
}
