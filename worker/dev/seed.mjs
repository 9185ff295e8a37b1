import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seedBase } from "./seed/base.mjs";
import { id, q, STUDY_YEARS_FROM_SOURCES } from "./sql.mjs";

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
  // The demo's completions and offline credits are written straight into their tables: sum their years.
  statements.push(STUDY_YEARS_FROM_SOURCES);
  return statements;
}
