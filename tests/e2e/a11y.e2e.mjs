// Every page of every role, checked by axe at 360 px and 1366 px: each demo account walks every page its
// navigation offers, then the first link to each kind of detail page it finds there (and so on), and the
// public pages (login, a rating link, the fingerprint check). Serious and critical violations fail the run,
// listed per page once every page has been seen.
import { readFileSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";

const ROLES = ["member", "secretary", "admin", "school", "sq-zhou"];
const WIDTHS = [360, 1366];
// WCAG 2.1 AA includes its A criteria; label-content-name-mismatch (2.5.3, A) is experimental in axe and
// off unless named: a spoken command must match the visible text.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The SPA's route patterns, as regular expressions over a pathname. */
const ROUTES = [...readFileSync(new URL("../../web/routes.ts", import.meta.url), "utf8").matchAll(/path: "([^"]+)"/g)]
  .map((m) => m[1])
  .map((path) => ({ path, re: new RegExp(`^${path.replace(/:[A-Za-z]+/g, "[^/]+")}$`) }))
  // A literal path wins over a pattern that also matches it (/quizzes/banks before /quizzes/:id/…).
  .sort((a, b) => Number(a.path.includes(":")) - Number(b.path.includes(":")));
const routeOf = (href) => ROUTES.find((r) => r.re.test(href.split("?")[0]))?.path;

/** Resolves once no request of the page has been in flight for a moment (the SPA's API calls are done). */
function idleTracker(page) {
  let inflight = 0;
  let last = Date.now();
  const done = () => {
    inflight = Math.max(0, inflight - 1);
    last = Date.now();
  };
  page.on("request", () => {
    inflight++;
    last = Date.now();
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return async () => {
    const until = Date.now() + 10_000;
    while (Date.now() < until && (inflight > 0 || Date.now() - last < 150)) await page.waitForTimeout(50);
  };
}

/**
 * Serious and critical violations, and a page without an h1 (a moderate rule in axe, named in the issue).
 * Legacy mode runs axe in the page itself: the default also opens a blank page per run, 4× the time.
 * Colour contrast, two thirds of a run, may be left to the other width: the colours are the same CSS
 * at both (styles.css changes only layout by width, and the phone's menu is checked in full).
 */
async function violationsOf(page, { contrast = true } = {}) {
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(TAGS)
    .options({
      resultTypes: ["violations"],
      rules: {
        "label-content-name-mismatch": { enabled: true },
        "page-has-heading-one": { enabled: true },
        "color-contrast": { enabled: contrast },
      },
    })
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "page-has-heading-one")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

export default async function a11y(h) {
  const found = []; // { where, id, targets }
  const seen = new Set(); // "role path-pattern": each kind of page once per role
  let pagesChecked = 0;

  // Widths alternate from page to page, so each page costs one resize.
  let widths = WIDTHS;
  async function checkAt(page, where, width, contrast = true) {
    await page.setViewportSize({ width, height: 860 });
    for (const v of await violationsOf(page, { contrast })) found.push({ where: `${where} @${width}`, ...v });
  }
  async function check(page, where) {
    for (const width of widths) await checkAt(page, where, width, width === 1366);
    widths = [...widths].reverse();
    pagesChecked++;
  }

  /** Client-side navigation, as a link would do it: the app stays loaded between pages. */
  async function visit(page, idle, href) {
    await page.evaluate((to) => {
      history.pushState(null, "", to);
      dispatchEvent(new PopStateEvent("popstate"));
    }, href);
    await idle();
  }

  async function internalLinks(page, scope) {
    return page.evaluate(
      (sel) =>
        [...document.querySelectorAll(`${sel} a[href^="/"]:not([download]):not([target])`)]
          .map((a) => new URL(a.href))
          .map((u) => u.pathname + u.search)
          .filter((p) => !p.startsWith("/api/")),
      scope,
    );
  }

  // Pages whose links appear only after a choice on the page: a member picked on the index overview; a
  // branch's 堡垒指数 only once scored (a write other suites count on), so here its refused-link state.
  const idOf = async (sql, value) => (await h.d1.prepare(sql).bind(value).first())?.id;
  const community = await idOf("SELECT id FROM orgs WHERE name = ?", "幸福社区党支部");
  const member = await idOf("SELECT id FROM users WHERE username = ?", "member");
  const behindAChoice = { secretary: [`/bastion/branch/${community}`, `/vanguard/member/${member}`] };

  for (const role of ROLES) {
    const page = await h.newPage();
    const idle = idleTracker(page);
    await h.login(page, role);
    await idle();
    const queue = [
      ...new Set([
        ...(await internalLinks(page, "header")),
        ...(await internalLinks(page, "nav")),
        ...(behindAChoice[role] ?? []),
      ]),
    ];
    for (const href of queue) seen.add(`${role} ${routeOf(href)}`);
    while (queue.length) {
      const href = queue.shift();
      await visit(page, idle, href);
      await check(page, `${role} ${href}`);
      // The first link to each kind of page not yet seen: a list's first row, a course's first lesson…
      for (const next of await internalLinks(page, "main")) {
        const route = routeOf(next);
        if (!route || seen.has(`${role} ${route}`)) continue;
        seen.add(`${role} ${route}`);
        queue.push(next);
      }
    }
    // The navigation with its menus open: the phone's sections, then a desktop group's list.
    await page.setViewportSize({ width: 360, height: 860 });
    await page.locator(".nav-toggle button").click();
    await checkAt(page, `${role} phone menu open`, 360);
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.locator(".nav-group-button").first().click();
    await checkAt(page, `${role} desktop menu open`, 1366);
    await page.context().close();
  }

  // Public pages, logged out. A rating link is printed by a secretary's new round.
  const sec = await h.newPage();
  await h.login(sec, "secretary");
  await sec.goto("/masses");
  await sec.getByLabel("标题", { exact: true }).fill("无障碍检查民评");
  await sec.getByLabel("每个对象的二维码数量").fill("1");
  await sec.getByRole("button", { name: "生成评议码" }).click();
  const link = await sec.locator(".qr-link").first().textContent();
  const token = (link ?? "").match(/\/rate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(token, `a rating link on the sheet: ${link}`);
  await sec.context().close();

  const anon = await h.newPage();
  const idle = idleTracker(anon);
  for (const href of ["/login", `/rate/${token}`, `/rate/${"a".repeat(32)}`, "/check"]) {
    await anon.goto(href);
    await idle();
    await check(anon, `public ${href}`);
  }
  await anon.context().close();

  const byRule = {};
  for (const v of found) byRule[v.id] = (byRule[v.id] ?? 0) + 1;
  const reached = new Set([...seen].map((k) => k.slice(k.indexOf(" ") + 1)));
  const missed = ROUTES.map((r) => r.path).filter((p) => !reached.has(p) && !p.startsWith("/rate/") && p !== "/check");
  console.log(`a11y: ${pagesChecked} pages × ${WIDTHS.length} widths; serious/critical by rule:`, byRule);
  console.log("a11y: pages no demo account reaches by a link:", missed);
  h.expect.deepEqual(
    found.map((v) => `${v.where} — ${v.id}: ${v.targets.join(", ")}`),
    [],
    "serious or critical accessibility violations",
  );
}
