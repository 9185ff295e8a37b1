// A new user of each demo role on a 360-px phone: logs in, reads the to-dos on the home page, opens the
// menu and reaches their main pages from home without typing an id. Every page visited must fit the
// phone (nothing scrolls sideways, no table either) and show no untranslated key or internal id. On a
// 1366-px desktop the admin's navigation (the longest) fits on one row and its menus work by keyboard.

const ROLES = {
  member: ["我的学习", "课程中心", "测验考试", "我的评议", "服务群众", "成长档案", "先锋指数", "我的"],
  secretary: ["组织架构", "党员名册", "学习进度", "群众评议", "指数总览", "我的评议", "我的学习"],
  school: ["课程编辑", "课程分配", "测验考试", "我的"],
  admin: ["组织架构", "党员名册", "评议计划", "课程分配", "课程编辑", "指数模型", "评议模板", "学习进度"],
};
/** What the home page must show each role (a heading of a to-do section). */
const HOME = {
  member: /我的待办/,
  secretary: /幸福社区党支部：待处理/,
  school: /待批阅/,
  admin: /示范市委：需要关注/,
};

/** Everything wrong on the pages visited, reported together at the end (one run names every page). */
const problems = [];

/** Checks the page as it stands: fits 360 px, no key-like or id-like text. */
async function readable(page, name) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  const found = await page.evaluate(() => {
    const tables = [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth);
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script, style, noscript") || !el.getClientRects().length) continue;
      if (getComputedStyle(el).visibility === "hidden") continue;
      const text = n.textContent.trim();
      if (text) texts.push(text);
    }
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables,
      texts,
    };
  });
  if (found.page > 1) problems.push(`${name}: the page scrolls sideways by ${found.page}px`);
  for (const t of found.tables) if (t > 1) problems.push(`${name}: a table scrolls sideways by ${t}px`);
  const KEY = [/\b[a-z]+_[a-z_]+\b/, /\b[a-z]+[A-Z][a-zA-Z]+\b/];
  // An internal id: a lowercase letters-and-digits token of 8+ characters with both in it (base32 ids).
  const ID = /\b(?=[a-z0-9]*[0-9])(?=[a-z0-9]*[a-z])[a-z0-9]{8,}\b/;
  for (const text of found.texts) {
    if (KEY.some((re) => re.test(text))) problems.push(`${name}: untranslated key in “${text}”`);
    if (ID.test(text)) problems.push(`${name}: internal id in “${text}”`);
  }
}

/** The phone menu: a button that says whether it is open, big targets, Escape closes and gives focus back. */
async function phoneMenu(h, page, role) {
  const nav = page.getByRole("navigation", { name: "导航" });
  const toggle = nav.getByRole("button", { name: /菜单/ });
  h.expect.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  h.expect.equal(await toggle.getAttribute("aria-expanded"), "true");
  const sections = page.locator("#nav-sections");
  await sections.waitFor();
  const heights = await sections.getByRole("link").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
  h.expect.ok(heights.length >= ROLES[role].length - 1, `${role}: the menu lists the role's pages`);
  for (const height of heights) h.expect.ok(height >= 44, `${role}: a menu entry is ${height}px tall`);
  await h.shot(page, `newuser-${role}-menu-phone`);
  await page.keyboard.press("Escape");
  await sections.waitFor({ state: "hidden" });
  h.expect.equal(await toggle.getAttribute("aria-expanded"), "false");
  h.expect.ok(await toggle.evaluate((b) => b === document.activeElement), `${role}: focus back on the menu button`);
}

export default async function newuser(h) {
  for (const role of Object.keys(ROLES)) {
    const page = await h.newPage({ phone: true });
    await h.login(page, role);
    await page.getByRole("heading", { name: HOME[role] }).waitFor();
    await readable(page, `${role} home`);
    await h.shot(page, `newuser-${role}-home-phone`);
    await phoneMenu(h, page, role);

    // The first to-do leads to where it is done.
    const todo = page.locator("a.todo").first();
    if (await todo.count()) {
      const target = await todo.getAttribute("href");
      await todo.click();
      await page.waitForURL((url) => url.pathname === target);
      await readable(page, `${role} to-do ${target}`);
      await h.shot(page, `newuser-${role}-todo-phone`);
    }

    // Every main page, from home, through the menu.
    for (const label of ROLES[role]) {
      await h.nav(page, "首页");
      await page.getByRole("heading", { name: HOME[role] }).waitFor();
      await h.nav(page, label);
      await readable(page, `${role} ${label}`);
      await h.shot(page, `newuser-${role}-${ROLES[role].indexOf(label)}-phone`);
    }
    await page.context().close();
  }

  // The admin on a 1366-px desktop: every group on one row, nothing scrolls; menus by keyboard.
  const page = await h.newPage();
  await page.setViewportSize({ width: 1366, height: 860 });
  await h.login(page, "admin");
  await page.getByRole("heading", { name: HOME.admin }).waitFor();
  const bar = await page.evaluate(() => {
    const nav = document.querySelector("nav.nav");
    const items = [...document.querySelectorAll(".nav-bar > li")].filter((li) => li.getClientRects().length);
    return {
      overflow: nav.scrollWidth - nav.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      rows: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size,
    };
  });
  h.expect.deepEqual(bar, { overflow: 0, page: 0, rows: 1 }, "the admin's navigation fits one row at 1366 px");
  const nav = page.getByRole("navigation", { name: "导航" });
  const groups = nav.locator(".nav-group-button");
  h.expect.equal(await groups.count(), 4);
  for (const group of await groups.all()) {
    await group.focus();
    await page.keyboard.press("Enter");
    h.expect.equal(await group.getAttribute("aria-expanded"), "true");
    const menu = page.locator(`#${await group.getAttribute("aria-controls")}`);
    await menu.waitFor();
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    h.expect.ok(await group.evaluate((b) => b === document.activeElement), "focus back on the group button");
  }
  await nav.getByRole("button", { name: "管理" }).click();
  await h.shot(page, "newuser-admin-menu-desktop");
  await nav.getByRole("link", { name: "评议计划", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/evaluations/schedules");
  h.expect.equal(await nav.getByRole("button", { name: "管理" }).getAttribute("aria-expanded"), "false");
  await h.nav(page, "首页");
  await page.getByRole("heading", { name: HOME.admin }).waitFor();
  await h.shot(page, "newuser-admin-home-desktop");
  await page.context().close();

  // A member on the desktop too, for the screenshots.
  const member = await h.newPage();
  await member.setViewportSize({ width: 1366, height: 860 });
  await h.login(member, "member");
  await member.getByRole("heading", { name: HOME.member }).waitFor();
  await h.shot(member, "newuser-member-home-desktop");
  await member.context().close();

  h.expect.deepEqual([...new Set(problems)], [], "pages a new user meets");
}
