import { eq } from "drizzle-orm";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile, { type Cell } from "write-excel-file/universal";
import { users } from "../../schema";
import { as, type Client, db, makeTree } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const post = (c: Client, orgId: string, body: Uint8Array | string, type = XLSX) =>
  c.request("POST", `/api/orgs/${orgId}/members/import`, body, { "Content-Type": type });

/** A roster as a Chinese office saves it: a merged title row and a blank row above the header, real dates and numbers. */
async function workbook(rows: Cell[][]) {
  const header = ["用户名", "姓名", "手机", "性别", "入党日期", "支部"];
  const data: Cell[][] = [
    [{ value: "幸福社区党员花名册", type: String, columnSpan: header.length }, null, null, null, null, null],
    [null, null, null, null, null, null],
    header,
    ...rows,
  ];
  return new Uint8Array(await (await writeXlsxFile(data).toBlob()).arrayBuffer());
}
const day = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: "yyyy/mm/dd" });
const count = async () => (await db().select().from(users)).length;

describe("roster import from .xlsx", () => {
  it("reads the first sheet under its title rows: Excel dates and numeric phone numbers", async () => {
    const admin = await as(tree.admin);
    const file = await workbook([
      ["x1", "王芳", 13900000011, "女", day("2019-07-01"), tree.branchA.name],
      ["x2", "李强", null, "男", null, tree.branchB.name],
    ]);
    const r = await post(admin, tree.committee.id, file);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    const [u] = await db().select().from(users).where(eq(users.username, "x1"));
    expect(u).toMatchObject({
      displayName: "王芳",
      phone: "13900000011",
      gender: "female",
      joinedPartyOn: "2019-07-01",
    });
  });

  it("refuses the whole file with the same per-row report, rows numbered as the sheet shows them", async () => {
    const sec = await as(tree.secA);
    const before = await count();
    const file = await workbook([
      ["x3", "甲", null, null, day("2020-01-02"), null],
      ["x1", "重名", null, null, null, null],
      ["bad name", "坏名", null, "unknown", null, null],
    ]);
    const r = await post(sec, tree.branchA.id, file);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("import_rejected");
    const byRow = r.body.error.details.map((d: { row: number; column: string; code: string }) =>
      [d.row, d.column, d.code].join(":"),
    );
    // Title (1), blank (2), header (3): the first data row is row 4.
    expect(byRow).toEqual(["5:用户名:taken", "6:用户名:invalid_format", "6:性别:invalid_value"]);
    expect(await count()).toBe(before);
  });

  it("refuses what is neither CSV nor .xlsx with 415, and changes nothing", async () => {
    const sec = await as(tree.secA);
    const before = await count();
    const oldXls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3]);
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    for (const bytes of [oldXls, brokenZip, binary]) {
      const r = await post(sec, tree.branchA.id, bytes, "application/octet-stream");
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe("unsupported_type");
    }
    // Small on the wire, 31 MB unpacked: refused before anything is inflated.
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(31_000_000) });
    expect(bomb.byteLength).toBeLessThan(1_000_000);
    const big = await post(sec, tree.branchA.id, bomb);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("too_large");
    // A workbook without the required columns: the CSV's answer.
    const noUsername = new Uint8Array(await (await writeXlsxFile([["姓名"], ["张三"]]).toBlob()).arrayBuffer());
    const missing = await post(sec, tree.branchA.id, noUsername);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe("missing_columns");
    expect(await count()).toBe(before);
  });
});
