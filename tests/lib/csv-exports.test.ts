import { SELF } from "cloudflare:test";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { as, type Client, db, makeTree, makeUser, ORIGIN } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
// Every lead character a spreadsheet runs as a formula, as a member's name would carry it.
const EVIL = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"];
let evil: { id: string; username: string }[];

/** The bytes as sent: Response.text() would drop the BOM this test is about. */
async function download(c: Client, path: string) {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Origin: ORIGIN, Cookie: c.cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    text: new TextDecoder().decode(bytes),
  };
}

const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data.flat();

beforeAll(async () => {
  tree = await makeTree();
  evil = [];
  for (const name of EVIL) evil.push(await makeUser(name, [[tree.branchA, "member"]]));
});

describe("every CSV export goes through the guarded writer", () => {
  it("study report: BOM, guarded names", async () => {
    const r = await download(await as(tree.secA), `/api/orgs/${tree.branchA.id}/study-report/export`);
    expect(r.status).toBe(200);
    expect(r.bom).toBe(true);
    const text = r.text;
    const all = cells(text);
    for (const name of EVIL) {
      expect(all).toContain(`'${name}`);
      expect(all).not.toContain(name);
    }
  });

  it("archive export: BOM, guarded cells", async () => {
    const [who] = evil;
    await db()
      .insert(archiveEvents)
      .values(
        EVIL.map((e, i) => ({
          id: newId(),
          memberId: who!.id,
          orgId: tree.branchA.id,
          kind: "service",
          subjectType: e,
          subjectId: e,
          summary: { note: e },
          occurredAt: Date.now() - i,
          createdAt: Date.now(),
        })),
      );
    const r = await download(await as(who!), `/api/archives/${who!.id}/export?format=csv`);
    expect(r.status).toBe(200);
    expect(r.bom).toBe(true);
    const text = r.text;
    const all = cells(text);
    // The note is in the readable details (a field name first); no cell starts a formula.
    for (const e of EVIL) expect(all).toContain(`note：${e}`);
    for (const c of all) expect(c).not.toMatch(/^[=+\-@]/);
  });
});
