import { SELF } from "cloudflare:test";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/universal";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { XLSX_CONTENT_TYPE } from "../../worker/lib/xlsx";
import { applicant } from "../development/helpers";
import { as, type Client, db, makeTree, makeUser, ORIGIN } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
// Every lead character a spreadsheet runs as a formula once the cell is edited or saved as CSV.
const EVIL = ["=1+1", "+1", "-1", "@SUM(A1)"];
let evil: { id: string; username: string }[];

async function fetchBytes(c: Client, path: string) {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Origin: ORIGIN, Cookie: c.cookie } });
  return { res, bytes: await res.arrayBuffer() };
}

/** The same export as CSV and as a workbook, the workbook read back by an independent reader. */
async function both(c: Client, path: string) {
  const join = path.includes("?") ? "&" : "?";
  const csv = await fetchBytes(c, `${path}${join}format=csv`);
  const xlsx = await fetchBytes(c, `${path}${join}format=xlsx`);
  expect(csv.res.status).toBe(200);
  expect(xlsx.res.status).toBe(200);
  expect(xlsx.res.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
  expect(xlsx.res.headers.get("Content-Disposition")).toMatch(/filename=".+\.xlsx"; filename\*=UTF-8''.+\.xlsx$/);
  const csvRows = Papa.parse<string[]>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  }).data;
  const sheet = await readSheet(xlsx.bytes);
  const parts = unzipSync(new Uint8Array(xlsx.bytes));
  const sheetXml = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
  return { csvRows, sheet, sheetXml };
}

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? "" : String(v));

beforeAll(async () => {
  tree = await makeTree();
  evil = [];
  for (const name of EVIL) evil.push(await makeUser(name, [[tree.branchA, "member"]]));
});

describe("every table export also comes as .xlsx", () => {
  it("study report: the reader's headers, numbers as numbers, first row frozen, columns sized, formulas guarded", async () => {
    const sec = await as(tree.secA);
    const { csvRows, sheet, sheetXml } = await both(sec, `/api/orgs/${tree.branchA.id}/study-report/export`);
    expect(sheet[0]).toEqual([
      "支部",
      "姓名",
      "角色",
      "分配课程",
      "必修",
      "已完成",
      "逾期",
      "线上学时",
      "线下学时",
      "学时要求",
    ]);
    expect(sheet[0]).toEqual(csvRows[0]);
    expect(sheet).toHaveLength(csvRows.length);
    const names = sheet.slice(1).map((r) => r[1]);
    for (const name of EVIL) {
      expect(names).toContain(`'${name}`);
      expect(names).not.toContain(name);
    }
    // Counts are numeric cells that read back as the CSV's numbers.
    for (const [i, row] of sheet.slice(1).entries()) {
      expect(typeof row[3]).toBe("number");
      expect(row.map(text)).toEqual(csvRows[i + 1]?.map((v) => v));
    }
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const widths = [...sheetXml.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(10);
    // 学时要求 (four CJK characters) is wider than a one-digit count needs.
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
    const en = await as(await makeUser("secEn", [[tree.branchA, "secretary"]]));
    expect((await en.patch("/api/me", { locale: "en" })).status).toBe(200);
    const english = await both(en, `/api/orgs/${tree.branchA.id}/study-report/export`);
    expect(english.sheet[0]?.[0]).toBe("Branch");
  });

  it("development register: due dates are Excel dates, the header in the reader's language", async () => {
    const sec = await as(tree.secA);
    await applicant(sec, tree.branchA.id, "2025-01-10");
    const { csvRows, sheet } = await both(sec, `/api/orgs/${tree.branchA.id}/development/export`);
    expect(sheet[0]).toEqual(["姓名", "支部", "阶段", "下一步", "期限"]);
    expect(csvRows[0]).toEqual(sheet[0]);
    const due = sheet[1]?.[4];
    expect(due).toBeInstanceOf(Date);
    expect(csvRows[1]?.[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((due as unknown as Date).toISOString().slice(0, 10)).toBe(csvRows[1]?.[4]);
  });

  it("archive: moments are Excel date-times on the org's clock, guarded text cells", async () => {
    const [who] = evil;
    // Midnight UTC on purpose: a moment stays a moment (not a bare day) in both formats.
    const at = Date.UTC(2025, 5, 1);
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
          occurredAt: at - i * 60_000,
          createdAt: Date.now(),
        })),
      );
    const { csvRows, sheet } = await both(await as(who!), `/api/archives/${who!.id}/export`);
    expect(sheet[0]).toEqual(csvRows[0]);
    const rows = sheet.slice(1);
    // The branch keeps Beijing time: 08:00 on its clock, the same in both formats.
    const newest = rows[0]?.[0] as unknown as Date;
    expect(newest).toBeInstanceOf(Date);
    // (A fraction of a day in the file: read back within a millisecond of the minute.)
    expect(Math.round(newest.getTime() / 60_000) * 60_000).toBe(Date.UTC(2025, 5, 1, 8));
    expect(csvRows[1]?.[0]).toBe("2025-06-01 08:00");
    const cells = rows.flat().filter((v) => typeof v === "string");
    for (const e of EVIL) expect(cells).toContain(`note：${e}`);
    for (const cell of [...cells, ...csvRows.flat()]) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("development plan, organisational-life list and question bank: same columns as their CSV", async () => {
    const admin = await as(tree.admin);
    const year = new Date().getUTCFullYear();
    for (const path of [
      `/api/orgs/${tree.committee.id}/development/plans/${year}/export`,
      `/api/orgs/${tree.committee.id}/orglife/behind/export?year=${year}`,
    ]) {
      const { csvRows, sheet } = await both(admin, path);
      expect(sheet[0]).toEqual(csvRows[0]);
      expect(sheet.map((r) => r.map(text))).toEqual(csvRows);
    }
    // A non-branch caller still gets the same refusal whatever the format.
    const sec = await as(tree.secA);
    const refused = await fetchBytes(sec, `/api/orgs/${tree.committee.id}/orglife/behind/export?format=xlsx`);
    expect([403, 404]).toContain(refused.res.status);
    expect(
      (await fetchBytes(admin, `/api/orgs/${tree.committee.id}/orglife/behind/export?format=xls`)).res.status,
    ).toBe(400);
  });
});

describe("question bank in .xlsx", () => {
  it("exports the template as a workbook that imports back to the same questions; bad files change nothing", async () => {
    const school = await as(tree.publisher);
    const sheetImport = (bankId: string, body: string | Uint8Array, format = "xlsx") =>
      school.request("POST", `/api/banks/${bankId}/import?format=${format}`, body, {
        "Content-Type": "application/octet-stream",
      });
    const source = [
      "题型,题干,选项A,选项B,答案,解析,分值,难度,标签",
      "单选,=1+1 是几?,+甲,-乙,B,,2,易,t",
      "判断,党的群众路线是生命线。,,,对,,1,,",
    ].join("\n");
    const first = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "表格源" });
    expect((await sheetImport(first.body.id, source, "csv")).body).toMatchObject({ imported: 2 });
    const { res, bytes } = await fetchBytes(school, `/api/banks/${first.body.id}/export?format=xlsx`);
    expect(res.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
    expect(res.headers.get("X-Questions-Omitted")).toBe("0");
    const sheet = await readSheet(bytes);
    expect(sheet[1]?.slice(0, 4)).toEqual(["单选", "'=1+1 是几?", "'+甲", "'-乙"]);
    expect(typeof sheet[1]?.[sheet[0]!.indexOf("分值")]).toBe("number");

    const copy = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "表格副本" });
    const count = async (bankId: string) =>
      (await school.get(`/api/banks/${bankId}/questions?limit=100`)).body.items.length as number;
    // Neither CSV nor a workbook: refused, nothing imported.
    const zipNotXlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    const oldXls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    for (const bad of [zipNotXlsx, oldXls]) {
      const r = await sheetImport(copy.body.id, bad);
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe("unsupported_type");
    }
    expect(await count(copy.body.id)).toBe(0);

    const back = await sheetImport(copy.body.id, new Uint8Array(bytes));
    expect(back.body).toMatchObject({ imported: 2 });
    const stems = async (bankId: string) =>
      (
        await Promise.all(
          (
            await school.get(`/api/banks/${bankId}/questions?limit=100`)
          ).body.items.map(async (q: { id: string }) => (await school.get(`/api/questions/${q.id}`)).body.body),
        )
      )
        .map((b) => JSON.stringify(b))
        .sort();
    expect(await stems(copy.body.id)).toEqual(await stems(first.body.id));
  });
});
