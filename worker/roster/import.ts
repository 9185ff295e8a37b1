import Papa from "papaparse";
import * as z from "zod/mini";
import { username } from "../../schema/auth/validation";
import { memberFields } from "../../schema/roster/validation";
import type { Db } from "../lib/db";
import { ApiError } from "../lib/errors";
import { readTable } from "../lib/xlsx";
import type { OrgRow } from "../orgs";
import { listSubtrees } from "../orgs";
import { existingUsernames, memberStatements } from "./service";

const MAX_IMPORT_BYTES = 1_000_000;
const MAX_IMPORT_ROWS = 2_000;

// Headers as Chinese spreadsheets write them, and their English names.
const HEADERS: Record<string, string> = {
  用户名: "username",
  账号: "username",
  username: "username",
  姓名: "displayName",
  name: "displayName",
  手机: "phone",
  手机号: "phone",
  phone: "phone",
  性别: "gender",
  gender: "gender",
  入党日期: "joinedPartyOn",
  joined_party_on: "joinedPartyOn",
  支部: "branch",
  branch: "branch",
};
const fieldOf = (h: string) => HEADERS[h.trim()] ?? HEADERS[h.trim().toLowerCase()] ?? h.trim();
const GENDERS: Record<string, "male" | "female"> = { 男: "male", 女: "female", male: "male", female: "female" };

const rowSchema = z.object({ username, ...memberFields });

interface RowError {
  row: number;
  column: string;
  code: string;
  value?: string;
}

/** Validates every row first; writes all of them in one atomic batch, or nothing and a per-row report. */
export async function importRoster(db: Db, actorId: string, org: OrgRow, bytes: ArrayBuffer) {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ApiError(413, "too_large", "the file is larger than 1 MB");
  // Errors name a column by the header the user wrote (入党日期), not by our field name.
  const written = new Map<string, string>();
  const table = await readTable(bytes, (cells) => cells.some((h) => fieldOf(h) === "username"));
  const parsed = Papa.parse<Record<string, string>>(table.text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => {
      const field = fieldOf(h);
      if (!written.has(field)) written.set(field, h.trim());
      return field;
    },
  });
  const header = (field: string) => written.get(field) ?? field;
  const rows = parsed.data;
  if (rows.length === 0) throw new ApiError(422, "empty_file", "the file has no data rows");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ApiError(413, "too_many_rows", `at most ${MAX_IMPORT_ROWS} rows per file`);
  const fields = parsed.meta.fields ?? [];
  const missing = ["username", "displayName"].filter((f) => !fields.includes(f));
  if (missing.length) throw new ApiError(422, "missing_columns", "required columns are missing", missing);

  const branches = (await listSubtrees(db, [org.path])).filter((o) => o.kind === "branch" || o.kind === "group");
  const byName = new Map(branches.map((b) => [b.name, b]));
  const taken = await existingUsernames(
    db,
    rows.map((r) => (r.username ?? "").trim()),
  );
  const seen = new Set<string>();
  const errors: RowError[] = [];
  const valid: { org: OrgRow; input: z.infer<typeof rowSchema> }[] = [];

  rows.forEach((raw, i) => {
    const row = i + table.headerRow + 1; // as the spreadsheet numbers it
    const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);
    const gender = blank(raw.gender);
    const candidate = {
      username: (raw.username ?? "").trim(),
      displayName: raw.displayName ?? "",
      phone: blank(raw.phone),
      gender: gender === null ? null : (GENDERS[gender.toLowerCase()] ?? gender),
      joinedPartyOn: blank(raw.joinedPartyOn)?.replaceAll("/", "-") ?? null,
    };
    const before = errors.length;
    const result = z.safeParse(rowSchema, candidate);
    for (const issue of result.error?.issues ?? []) {
      const field = String(issue.path[0] ?? "");
      errors.push({
        row,
        column: header(field),
        // A refinement (the calendar-date check) carries its code as the message.
        code: issue.code === "custom" ? issue.message : issue.code,
        value: String(raw[field] ?? ""),
      });
    }
    if (taken.has(candidate.username))
      errors.push({ row, column: header("username"), code: "taken", value: candidate.username });
    else if (seen.has(candidate.username)) {
      errors.push({ row, column: header("username"), code: "duplicate_in_file", value: candidate.username });
    }
    seen.add(candidate.username);
    const branchName = blank(raw.branch);
    const target = branchName
      ? byName.get(branchName)
      : org.kind === "branch" || org.kind === "group"
        ? org
        : undefined;
    if (!target) {
      errors.push({
        row,
        column: header("branch"),
        code: branchName ? "unknown_branch" : "branch_required",
        value: branchName ?? "",
      });
    }
    if (result.success && target && errors.length === before) valid.push({ org: target, input: result.data });
  });

  if (errors.length)
    throw new ApiError(422, "import_rejected", `${errors.length} problems; nothing was imported`, errors);
  const now = Date.now();
  const statements = [];
  for (const { org: target, input } of valid) {
    statements.push(...(await memberStatements(db, actorId, target, input, now)).statements);
  }
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return { imported: valid.length };
}
