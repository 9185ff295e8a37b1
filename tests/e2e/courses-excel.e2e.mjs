// Excel beside CSV: the branch secretary, on a 360-px phone, downloads the study report as an .xlsx
// workbook and it opens to the same table the page lists; the roster takes that kind of file back in.
import { readFile } from "node:fs/promises";
import { readSheet } from "read-excel-file/node";

export default async function coursesExcel(h) {
  const page = await h.newPage({ phone: true });
  await h.login(page, "secretary");
  await h.nav(page, "学习进度");
  const excel = page.getByRole("link", { name: "导出 Excel" });
  await excel.waitFor();
  await page.getByRole("link", { name: "导出 CSV" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `the study report overflows by ${overflow}px at 360 px`);
  await h.shot(page, "courses-excel-report-phone");

  const [download] = await Promise.all([page.waitForEvent("download"), excel.click()]);
  h.expect.match(download.suggestedFilename(), /^study-report-\d{4}\.xlsx$/);
  const rows = await readSheet(await readFile(await download.path()));
  h.expect.deepEqual(rows[0]?.slice(0, 3), ["支部", "姓名", "角色"]);
  h.expect.ok(rows.length > 1, "the workbook has the branch's members");
  h.expect.equal(typeof rows[1]?.[3], "number");
  // The page lists the same members as the workbook (in the page itself: the first may be the secretary, whose
  // name is also in the header, hidden on a phone).
  const firstName = String(rows[1]?.[1]);
  await page.locator("main").getByText(firstName, { exact: true }).first().waitFor();
  await page.context().close();
}
