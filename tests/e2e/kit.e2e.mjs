// The shared kit in web/components: management tables become labelled cards on a 360-px phone (nothing
// scrolls sideways), a field's error is tied to its input, the app's own confirm dialog (Escape cancels,
// focus comes back), and scores are never shown with more than one decimal.

/** Neither the page nor any table inside it scrolls sideways. */
async function noSidewaysScroll(h, page, name) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
  }));
  h.expect.ok(overflow.page <= 1, `${name} overflows by ${overflow.page}px`);
  for (const t of overflow.tables) h.expect.ok(t <= 1, `${name}: a table scrolls sideways by ${t}px`);
}

const PAGES = [
  ["roster", "/roster", "党员名册"],
  ["progress", "/progress", "学习进度"],
  ["orgs", "/orgs", "组织架构"],
  ["archive", "/archive", "成长档案"],
  ["services", "/services", "服务群众"],
  ["vanguard-overview", "/vanguard-overview", "指数总览"],
  ["vanguard", "/vanguard", "先锋指数"],
  ["study", "/study", "我的学习"],
  ["catalogue", "/catalogue", "课程中心"],
];

export default async function kit(h) {
  for (const phone of [true, false]) {
    const page = await h.newPage({ phone });
    await h.login(page, "secretary");
    for (const [name, path, link] of PAGES) {
      await h.nav(page, link);
      await page.waitForURL((url) => url.pathname === path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      if (name === "roster" || name === "progress") await page.getByRole("cell", { name: "李建国" }).waitFor();
      if (name === "vanguard-overview") await page.getByRole("button", { name: "查看" }).click();
      if (name === "vanguard") await page.locator(".index-score").first().waitFor();
      if (name === "vanguard") {
        // Sources are named as the member knows them, never by internal type or id; the rescaling is explained.
        const sources = await page.locator(".explanation details li").allTextContents();
        for (const text of sources)
          h.expect.doesNotMatch(text, /course_completion|service_record|rating_round|\b[a-z0-9]{8}\b/, text);
        await page
          .locator(".explanation details")
          .first()
          .evaluate((d) => d.setAttribute("open", ""));
        const caption = (await page.locator(".explanation caption").first().textContent()) ?? "";
        h.expect.match(caption, /基础分/);
      }
      if (name === "archive") {
        // Server-side search over the events' words: fewer events, and the first hit is a course about the party.
        await page.locator(".timeline li").first().waitFor();
        const all = await page.locator(".timeline li").count();
        await page.locator("#archive-q").fill("党组织建设");
        await page.getByRole("button", { name: "搜索", exact: true }).click();
        await page.waitForFunction((n) => document.querySelectorAll(".timeline li").length < n, all);
        h.expect.match((await page.locator(".timeline li .summary").first().textContent()) ?? "", /党组织建设/);
      }
      await page.waitForLoadState("networkidle");
      if (phone) await noSidewaysScroll(h, page, name);
      // Scores, points and indexes: at most one decimal (28.3, never 28.33 or 28.333333).
      if (name.startsWith("vanguard")) {
        const scores = await page
          .locator(
            ".index-score, .explanation td:nth-child(3), .explanation td:nth-child(4), .explanation .total, .cards li",
          )
          .allTextContents();
        for (const text of scores)
          h.expect.doesNotMatch(text, /\d\.\d{2,}/, `${name} shows an unrounded score: ${text}`);
      }
      await h.shot(page, `kit-${name}-${phone ? "phone" : "desktop"}`);
    }
    await page.context().close();
  }

  // The admin's management pages: the org panel, assigning courses, the school's course list.
  for (const phone of [true, false]) {
    const page = await h.newPage({ phone });
    await h.login(page, "admin");
    await page.goto("/orgs");
    // Children in name order (zh collation); the new child's form starts empty, in the parent's time zone.
    const top = await page.locator("section.page > ul.tree > li > ul.tree > li > button").allTextContents();
    const collator = new Intl.Collator("zh-CN");
    h.expect.deepEqual(top, [...top].sort(collator.compare), `children in order: ${top.join(", ")}`);
    await page.getByRole("button", { name: "幸福社区党支部" }).click();
    await page.getByRole("heading", { name: "幸福社区党支部" }).waitFor();
    h.expect.equal(await page.locator("#org-name").inputValue(), "");
    h.expect.equal(await page.locator("#org-tz").inputValue(), "Asia/Shanghai");
    const parentOption = await page.locator("#org-move option:checked").textContent();
    h.expect.equal(parentOption, "示范市委", "the move target shows the current parent");
    await page.getByText("操作记录", { exact: true }).click();
    await page.waitForLoadState("networkidle");
    // The audit names what was done and to what kind of record: no id, no code (the suites before this
    // one have written to the branch).
    const cells = await page.locator("details:has(> summary:text-is('操作记录')) td").allTextContents();
    h.expect.ok(cells.length > 0, "the branch's audit has entries");
    const coded = cells.filter((c) => /^[a-z0-9_.:-]+$/.test(c.trim()));
    h.expect.deepEqual(coded, [], "no id or code in the audit list");
    if (phone) await noSidewaysScroll(h, page, "orgs (admin)");
    await h.shot(page, `kit-orgs-admin-${phone ? "phone" : "desktop"}`);
    for (const [name, path] of [
      ["plans", "/plans"],
      ["school-courses", "/school/courses"],
    ]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      if (phone) await noSidewaysScroll(h, page, name);
      await h.shot(page, `kit-${name}-${phone ? "phone" : "desktop"}`);
    }
    await page.context().close();
  }

  // On the phone, each cell of the roster is labelled with its column's header.
  const page = await h.newPage({ phone: true });
  await h.login(page, "secretary");
  await page.goto("/roster");
  const cell = page.getByRole("cell", { name: "李建国" });
  await cell.waitFor();
  const label = await cell.evaluate((td) => getComputedStyle(td, "::before").content);
  h.expect.equal(label, '"姓名"');

  // A bad phone number: the error stands next to the field and the input points at it.
  const username = `kit${Date.now() % 100000}`;
  const form = page.locator("form", { has: page.getByRole("heading", { name: "添加党员" }) });
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名").fill("组件测试");
  await form.getByLabel("手机").fill("abc");
  await form.getByRole("button", { name: "添加" }).click();
  const phoneInput = form.getByLabel("手机");
  await form.locator(".field-error").first().waitFor();
  const describedBy = await phoneInput.getAttribute("aria-describedby");
  h.expect.ok(describedBy, "the phone input is described by its error");
  h.expect.equal(await phoneInput.getAttribute("aria-invalid"), "true");
  h.expect.ok(((await page.locator(`[id="${describedBy}"]`).textContent()) ?? "").length > 0);
  await phoneInput.fill("");
  await form.getByRole("button", { name: "添加" }).click();
  await form.getByRole("status").filter({ hasText: "已添加" }).waitFor();
  h.expect.equal(await phoneInput.getAttribute("aria-describedby"), null, "no error, no description");

  // Deactivating asks in the app's own dialog: Escape cancels and gives focus back; confirming deactivates.
  await page.getByLabel("搜索姓名、用户名或手机号").fill(username);
  await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
  const deactivate = page.getByRole("row").filter({ hasText: username }).getByRole("button", { name: "停用" });
  await deactivate.click();
  const dialog = page.getByRole("dialog", { name: "确定停用 组件测试 的账号？" });
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  h.expect.ok(await deactivate.evaluate((b) => b === document.activeElement), "focus is back on the button");
  h.expect.equal(await deactivate.count(), 1, "cancelled: still active");
  await deactivate.click();
  await h.shot(page, "kit-confirm-dialog-phone");
  await dialog.getByRole("button", { name: "确定" }).click();
  await page.getByRole("status").filter({ hasText: "已完成" }).waitFor();
  await page.getByRole("cell", { name: "没有符合条件的党员" }).waitFor();
  await page.context().close();
}
