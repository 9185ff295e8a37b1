// The house's map, checked: every feature has the same-named folder in worker/, web/pages/, schema/ and
// tests/, and nothing else sits in those trees but the few shared folders named here.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const dirs = (p) => readdirSync(join(root, p)).filter((f) => statSync(join(root, p, f)).isDirectory());
const shared = {
  worker: ["lib", "dev", "docs", "ops"],
  "web/pages": [],
  schema: ["common", "migrations"],
  tests: ["e2e", "bench", "lighthouse", "harness", "lib", "docs", "ops"],
};
// auth's pages are the shell's own (login, profile), in web/shell/.
const pagesElsewhere = new Set(["auth"]);

const features = dirs("worker").filter((d) => !shared.worker.includes(d));
const problems = [];
for (const [tree, skip] of Object.entries(shared)) {
  const present = new Set(dirs(tree).filter((d) => !skip.includes(d)));
  for (const f of features) {
    if (!present.has(f) && !(tree === "web/pages" && pagesElsewhere.has(f))) problems.push(`${tree}/${f} is missing`);
  }
  for (const d of present) if (!features.includes(d)) problems.push(`${tree}/${d} is not a feature of worker/`);
}
if (problems.length) {
  console.error(`The four trees disagree:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`layout: ${features.length} features in worker/, web/pages/, schema/ and tests/`);
