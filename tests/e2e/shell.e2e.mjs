// Each demo account logs in on a phone and a desktop, sees its role's navigation, switches language, logs out.
import { AxeBuilder } from "@axe-core/playwright";

/** No serious or critical accessibility violations on the page as it stands. */
async function accessible(h, page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  h.expect.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility of ${name}`,
  );
}
const NAV = {
  admin: ["首页", "组织架构", "党员名册", "我的"],
  school: ["首页", "我的"],
  secretary: ["首页", "组织架构", "党员名册", "我的"],
  member: ["首页", "我的"],
};
const NEVER = { school: ["党员名册"], member: ["组织架构", "党员名册"] };

export default async function shell(h) {
  for (const [username, expected] of Object.entries(NAV)) {
    for (const phone of [true, false]) {
      const page = await h.newPage({ phone });
      await h.login(page, username);
      const nav = page.getByRole("navigation", { name: /^(导航|導覽|Navigation)$/ });
      await nav.getByRole("link", { name: "首页", exact: true }).waitFor();
      // Entries inside a closed menu count too: the menus themselves are tested in newuser.e2e.mjs.
      for (const label of expected) {
        h.expect.ok(await nav.getByRole("link", { name: label, exact: true, includeHidden: true }).count(), label);
      }
      for (const label of NEVER[username] ?? []) {
        h.expect.equal(
          await nav.getByRole("link", { name: label, exact: true, includeHidden: true }).count(),
          0,
          `${username} sees ${label}`,
        );
      }
      await h.shot(page, `shell-${username}-${phone ? "phone" : "desktop"}`);
      if (phone) {
        // No horizontal scrolling of the page itself on a 360-px screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        h.expect.ok(overflow <= 1, `${username} page overflows by ${overflow}px`);
      }
      await page
        .getByRole("combobox", { name: /语言|語言|Language/ })
        .first()
        .selectOption("en");
      await nav.getByRole("link", { name: "Home", exact: true }).waitFor();
      await page.getByRole("combobox", { name: "Language" }).first().selectOption("zh-TW");
      await nav.getByRole("link", { name: "首頁", exact: true }).waitFor();
      await page.getByRole("combobox", { name: "語言" }).first().selectOption("zh-CN");
      await page.getByRole("button", { name: "退出登录" }).click();
      await page.waitForURL(/\/login/);
      await page.goto("/roster");
      await page.waitForURL(/\/login\?next=%2Froster/);
      await page.context().close();
    }
  }

  // The roster: a secretary searches, and a CSV with a bad row is refused with a report.
  const page = await h.newPage({ phone: true });
  await page.goto("/login");
  await accessible(h, page, "login");
  await h.login(page, "secretary");
  await accessible(h, page, "home");
  await h.nav(page, "党员名册");
  await page.getByRole("cell", { name: "李建国" }).waitFor();
  await accessible(h, page, "roster");
  await page.getByLabel("搜索姓名、用户名或手机号").fill("孙丽华");
  await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
  await page.getByLabel("选择 Excel 或 CSV 文件").setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("用户名,姓名\nmember,重名者\nnewbie,新同志\n"),
  });
  await page.getByRole("alert").filter({ hasText: "未导入" }).waitFor();
  await page.getByRole("cell", { name: "该用户名已被使用" }).waitFor();
  await h.shot(page, "roster-import-errors-phone");
  await page.getByLabel("选择 Excel 或 CSV 文件").setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("\uFEFF用户名,姓名\nnewbie,新同志\n"),
  });
  await page.getByRole("status").filter({ hasText: "已导入 1 名党员" }).waitFor();

  // Edit a member's details from the member panel; a bad phone is refused next to the field.
  await page.getByLabel("搜索姓名、用户名或手机号").fill("李建国");
  await page.getByRole("button", { name: "李建国" }).click();
  const panel = page.getByRole("region", { name: "详情" });
  await panel.getByLabel("手机").fill("abc");
  await panel.getByRole("button", { name: "保存" }).click();
  await panel.locator(".field-error").first().waitFor();
  await panel.getByLabel("手机").fill("13900009999");
  await panel.getByRole("button", { name: "保存" }).click();
  await panel.getByRole("status").filter({ hasText: "已完成" }).waitFor();
  await page.getByRole("cell", { name: "13900009999" }).waitFor();
  await h.shot(page, "roster-member-edit-phone");
  await page.context().close();
}
