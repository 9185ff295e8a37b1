import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seedBase } from "./seed/base.mjs";
import { id, q } from "./sql.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Every demo statement: the base tree and accounts, then each feature's seed/<feature>.mjs in name order. */
export async function buildSeed(now = Date.now()) {
  const ctx = { now, id, q };
  const statements = seedBase(ctx);
  const files = (await readdir(join(here, "seed"))).filter((f) => f.endsWith(".mjs") && f !== "base.mjs").sort();
  for (const file of files) {
    const mod = await import(pathToFileURL(join(here, "seed", file)).href);
    statements.push(...(await mod.seed(ctx)));
  }
  return statements;
}
