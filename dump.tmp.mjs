import { build } from "esbuild";
import { writeFileSync } from "node:fs";
const t = Date.now();
const out = await build({ stdin: { contents: `import { app } from "./worker/app"; import { buildOpenApi } from "./worker/docs/openapi"; export const doc = buildOpenApi(app.routes);`, resolveDir: process.cwd(), loader: "ts" }, bundle: true, write: false, format: "esm", platform: "node", logLevel: "error" });
const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
writeFileSync(process.argv[2], JSON.stringify(mod.doc, null, 1));
console.log("ms", Date.now() - t, Object.keys(mod.doc.paths).length);
