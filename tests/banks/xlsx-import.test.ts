import { beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile, { type Cell } from "write-excel-file/universal";
import { as, type Client, makeTree } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
});

const HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "答案", "解析", "分值", "难度", "标签"];
/**
 * A question bank as a Chinese office saves it: a merged title row, a merged note row and a blank row
 * above the Chinese header, points as numbers, and a second sheet of instructions that is not questions.
 */
async function officeWorkbook(rows: Cell[][]) {
  const span = (value: string): Cell[] => [
    { value, type: String, columnSpan: HEADER.length },
    ...HEADER.slice(1).map(() => null),
  ];
  const questions: Cell[][] = [
    span("2026年度党章党规知识测试题库"),
    span("填报单位：测试党校　　填报日期：2026年3月1日"),
    HEADER.map(() => null),
    HEADER,
    ...rows,
  ];
  const notes: Cell[][] = [
    ["题型", "题干"],
    ["单选", "本页为填写说明，不是试题"],
  ];
  const blob = await writeXlsxFile([
    { data: questions, sheet: "题库" },
    { data: notes, sheet: "填写说明" },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const sheetImport = (bankId: string, body: Uint8Array) =>
  school.request("POST", `/api/banks/${bankId}/import?format=xlsx`, body, {
    "Content-Type": "application/octet-stream",
  });

describe("question bank import from .xlsx as offices save it", () => {
  it("reads the first sheet under its merged title rows, numbers as numbers", async () => {
    const bank = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "办公室题库" });
    const file = await officeWorkbook([
      ["单选", "党的根本宗旨是什么？", "全心全意为人民服务", "发展经济", "依法治国", "A", "", 2, "易", "党章"],
      ["判断", "民主集中制是党的根本组织原则。", null, null, null, "对", null, 1.5, null, null],
    ]);
    const r = await sheetImport(bank.body.id, file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 2 });
    const listed = (await school.get(`/api/banks/${bank.body.id}/questions?limit=100`)).body.items as {
      id: string;
    }[];
    const read = await Promise.all(listed.map(async (q) => (await school.get(`/api/questions/${q.id}`)).body));
    const stems = read.map((q) => JSON.stringify(q)).join("\n");
    expect(stems).toContain("党的根本宗旨是什么？");
    expect(stems).toContain("民主集中制是党的根本组织原则。");
    // Neither the title rows nor the instructions sheet became questions.
    expect(stems).not.toContain("题库");
    expect(stems).not.toContain("填写说明");
    expect(read.map((q) => q.current.defaultPoints).sort()).toEqual([1.5, 2]);
  });

  it("names bad rows as the sheet numbers them (title rows counted) and imports nothing", async () => {
    const bank = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "坏题库" });
    const file = await officeWorkbook([
      ["单选", "好题", "甲", "乙", null, "A", null, 1, null, null],
      ["单选", "", "甲", "乙", null, "A", null, 1, null, null],
    ]);
    const r = await sheetImport(bank.body.id, file);
    expect(r.status).toBe(422);
    // Title (1), note (2), blank (3), header (4): the empty stem is on row 6.
    expect(r.body).toMatchObject({ imported: 0, errors: [{ row: 6, column: "题干", code: "empty_stem" }] });
    expect((await school.get(`/api/banks/${bank.body.id}/questions?limit=100`)).body.items).toHaveLength(0);
  });
});
