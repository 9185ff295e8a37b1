import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/universal";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, orgs } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { as, type Client, db, makeTree, makeUser, ORIGIN } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let member: { id: string; username: string };
// 2025-06-01 03:30 UTC: 09:30 in Urumqi (UTC+6, no DST), 11:30 in Beijing.
const AT = Date.UTC(2025, 5, 1, 3, 30);

async function exported(c: Client, format: "csv" | "xlsx") {
  const res = await SELF.fetch(`${ORIGIN}/api/archives/${member.id}/export?format=${format}`, {
    headers: { Origin: ORIGIN, Cookie: c.cookie },
  });
  expect(res.status).toBe(200);
  const bytes = await res.arrayBuffer();
  const rows =
    format === "csv"
      ? Papa.parse<string[]>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data
      : ((await readSheet(bytes)) as unknown[][]);
  return { rows, disposition: res.headers.get("Content-Disposition") ?? "" };
}

// An Excel date-time is a fraction of a day: read back, it lands within a millisecond of the minute.
const toMinute = (d: Date) => new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 16);
/** The file name a browser takes: filename* (RFC 5987) decoded. */
const fileName = (disposition: string) => decodeURIComponent(disposition.match(/filename\*=UTF-8''(.+)$/)?.[1] ?? "");

beforeAll(async () => {
  tree = await makeTree();
  // The branch keeps Xinjiang time: times are shown on its clock, not in UTC.
  await db().update(orgs).set({ timeZone: "Asia/Urumqi" }).where(eq(orgs.id, tree.branchA.id));
  member = await makeUser("张三", [[tree.branchA, "member"]]);
  const event = (kind: string, summary: Record<string, unknown>, minutes: number) => ({
    id: newId(),
    memberId: member.id,
    orgId: tree.branchA.id,
    kind,
    summary,
    occurredAt: AT - minutes * 60_000,
    createdAt: Date.now(),
  });
  await db()
    .insert(archiveEvents)
    .values([
      event("course_completed", { courseId: "c-123", title: "党章学习", hours: 2 }, 0),
      event("role_granted", { role: "secretary", orgName: "社区支部" }, 1),
      event("appraisal_grade", { cycle: "2024年度民主评议", label: "年度", grade: "excellent", reason: null }, 2),
    ]);
});

describe("archive export in the reader's language", () => {
  it("CSV and workbook: kinds by name, details as text, times on the branch's clock, a Chinese file name", async () => {
    const reader = await as(member);
    for (const format of ["csv", "xlsx"] as const) {
      const { rows, disposition } = await exported(reader, format);
      expect(rows[0]).toEqual(["时间", "事项", "组织", "详情"]);
      const [course, role, grade] = rows.slice(1);
      expect(course?.slice(1)).toEqual(["完成课程", "社区支部", "名称：党章学习；学时：2"]);
      expect(role?.slice(1)).toEqual(["担任职务", "社区支部", "职务：支部书记；组织：社区支部"]);
      expect(grade?.slice(1)).toEqual(["民主评议结果", "社区支部", "评议：2024年度民主评议；期次：年度；等次：优秀"]);
      if (format === "csv") expect(course?.[0]).toBe("2025-06-01 09:30");
      else expect(toMinute(course?.[0] as Date)).toBe("2025-06-01T09:30");
      // No JSON, no ids, no codes anywhere in the file.
      for (const cell of rows.flat().map(String)) {
        expect(cell).not.toMatch(/[{}"]|c-123|course_completed|secretary|excellent/);
      }
      expect(fileName(disposition)).toBe(`成长档案-张三.${format}`);
      // The plain filename stays ASCII for clients that ignore filename*.
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
    }
  });

  it("follows the reader's language: traditional Chinese and English", async () => {
    const reader = await as(member);
    expect((await reader.patch("/api/me", { locale: "zh-TW" })).status).toBe(200);
    const tw = await exported(reader, "xlsx");
    expect(tw.rows[0]).toEqual(["時間", "事項", "組織", "詳情"]);
    expect(tw.rows[2]?.slice(1)).toEqual(["擔任職務", "社区支部", "職務：支部書記；組織：社区支部"]);
    expect(fileName(tw.disposition)).toBe("成長檔案-张三.xlsx");
    expect((await reader.patch("/api/me", { locale: "en" })).status).toBe(200);
    const en = await exported(reader, "csv");
    expect(en.rows[0]).toEqual(["When", "What", "Organization", "Details"]);
    expect(en.rows[1]?.slice(1)).toEqual(["Course completed", "社区支部", "Title: 党章学习; Hours: 2"]);
    expect(en.rows[3]?.[3]).toBe("Appraisal: 2024年度民主评议; Period: 年度; Grade: Excellent");
    expect(fileName(en.disposition)).toBe("growth-archive-张三.csv");
  });
});
