import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { oneStatement, readParts } from "../../worker/lib/sql";
import { db } from "../fixtures";

// oneStatement (worker/lib/sql.ts): several parts' statements as one, each statement a JSON column.

const numbers = (list: number[], order: "ASC" | "DESC") => ({
  queries: [
    sql`SELECT value AS n, 'x' || value AS label FROM json_each(${JSON.stringify(list)}) ORDER BY value ${sql.raw(order)}`,
  ],
  fields: [["n", "label"]],
  shape: ([rows]: { n: number; label: string }[][]) => rows,
});

describe("oneStatement", () => {
  it("gives each part its rows in their statement's order, columns by name, a null part null", async () => {
    const part = oneStatement({ up: numbers([3, 1, 2], "ASC"), none: null, down: numbers([5, 9, 7], "DESC") });
    expect(part?.queries).toHaveLength(1);
    const { both } = await readParts(db(), { both: part });
    expect(both).toEqual({
      up: [1, 2, 3].map((n) => ({ n, label: `x${n}` })),
      none: null,
      down: [9, 7, 5].map((n) => ({ n, label: `x${n}` })),
    });
  });

  it("answers an empty list for a statement that finds nothing, and is null when every part is", async () => {
    const { only } = await readParts(db(), { only: oneStatement({ empty: numbers([], "ASC") }) });
    expect(only).toEqual({ empty: [] });
    expect(oneStatement({ a: null })).toBeNull();
  });
});
