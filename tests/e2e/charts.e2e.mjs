// Charts on the pages that draw them, at 360 px and 1366 px: each shows its numbers as a table too (the
// "表格" switch), Chartist's chunk is fetched only where a chart is drawn, and the first load of the
// login page and of every role's home stays within 30 KB of gzipped JavaScript, in the reader's locale only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { noSidewaysScroll } from "./overflow.mjs";

const dist = join(import.meta.dirname, "../../dist/web");
const FIRST_LOAD_LIMIT = 30 * 1024;
const isChartChunk = (path) => /\/assets\/draw-[\w-]+\.js$/.test(path);
const isLocaleChunk = (path) => /\/assets\/(en|zh-TW)-[\w-]+\.js$/.test(path);

/** Every script the page fetches from now on (paths), to size them and to spot the chart chunk. */
function scriptsOf(page) {
  const paths = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") paths.push(new URL(r.url()).pathname);
  });
  return paths;
}

const gzipOne = (path) => gzipSync(readFileSync(join(dist, path))).length;
const gzipOf = (paths) => [...new Set(paths)].reduce((n, p) => n + gzipOne(p), 0);
/** "index 11.8, i18n 9.6, …": where the bytes go, biggest first. */
const breakdown = (paths) =>
  [...new Set(paths)]
    .map((p) => [p.replace(/^\/assets\/|-[\w-]{8}\.js$/g, ""), gzipOne(p)])
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)}`)
    .join(", ");

/**
 * A bar chart draws what its table says: each bar's length is its value times one scale, the value is
 * written at its end, and the first series (the red, solid one the legend names first) has the table's
 * first column of numbers, top to bottom.
 */
async function barsMatchTable(h, figure, name) {
  const drawn = await figure.evaluate((f) =>
    [...f.querySelectorAll("g.ct-series")].map((g) => ({
      first: g.classList.contains("ct-series-a"),
      lengths: [...g.querySelectorAll("line.ct-bar")].map((l) => Math.abs(l.x2.baseVal.value - l.x1.baseVal.value)),
      values: [...g.querySelectorAll(".ct-value")].map((t) => Number(t.textContent)),
    })),
  );
  const table = await figure.evaluate((f) =>
    [...f.querySelectorAll("tbody tr")].map((tr) => Number(tr.querySelectorAll("td")[1]?.textContent)),
  );
  const scale = Math.max(...drawn.flatMap((s) => s.lengths)) / Math.max(...drawn.flatMap((s) => s.values), 1);
  for (const s of drawn) {
    h.expect.equal(s.lengths.length, s.values.length, `${name}: a value for every bar`);
    for (const [i, len] of s.lengths.entries())
      h.expect.ok(Math.abs(len - s.values[i] * scale) < 1.5, `${name}: bar ${i} is ${len}px for ${s.values[i]}`);
  }
  // Bars are drawn bottom up.
  h.expect.deepEqual([...drawn.find((s) => s.first).values].reverse(), table, `${name}: first series = table`);
}

/** The chart in `figure`: drawn (an SVG), then its table shown by the switch, with the numbers in it. */
async function chartAndTable(h, page, figure, name, phone, cells) {
  // A chart is drawn once on screen: its space is kept until then, so nothing moves when it appears.
  const plot = figure.locator(".chart-plot");
  const reserved = await plot.evaluate((p) => p.getBoundingClientRect().height);
  await figure.scrollIntoViewIfNeeded();
  await figure.locator(".chart-plot svg").waitFor();
  const drawn = await plot.evaluate((p) => p.getBoundingClientRect().height);
  h.expect.ok(Math.abs(drawn - reserved) < 1, `${name}: ${reserved}px kept, ${drawn}px drawn`);
  if (await figure.locator("line.ct-bar").count()) await barsMatchTable(h, figure, name);
  const size = phone ? "phone" : "desktop";
  if (phone) await noSidewaysScroll(h, page, name);
  await figure.screenshot({ path: `tests/e2e/screenshots/charts-${name}-${size}.png` });
  const toggle = figure.getByRole("button", { name: "表格" });
  h.expect.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  h.expect.equal(await toggle.getAttribute("aria-pressed"), "true");
  h.expect.equal(await figure.locator(".chart-plot").count(), 0, `${name}: the table replaces the drawing`);
  const table = figure.getByRole("table");
  // A phone's cell is named with its column's label first (the card layout's data-label).
  for (const cell of cells)
    await table
      .getByRole("cell", { name: new RegExp(`${cell}$`) })
      .first()
      .waitFor();
  if (phone) await noSidewaysScroll(h, page, `${name} as a table`);
  await figure.screenshot({ path: `tests/e2e/screenshots/charts-${name}-table-${size}.png` });
  await toggle.click();
  await figure.locator(".chart-plot svg").waitFor();
}

/** The scripts a page fetches when opened afresh (a new context: nothing cached) as `username`, or signed out. */
async function firstLoadOf(h, username) {
  const page = await h.newPage({ phone: true });
  if (username) await h.login(page, username);
  const context = await page
    .context()
    .browser()
    .newContext({ storageState: await page.context().storageState() });
  await page.context().close();
  const fresh = await context.newPage();
  const scripts = scriptsOf(fresh);
  await fresh.goto(`${h.baseURL}/${username ? "" : "login"}`);
  await fresh.getByRole("heading", { level: 1, name: username ? /你好|您好/ : "先锋学习" }).waitFor();
  await fresh.waitForLoadState("networkidle");
  await context.close();
  return scripts;
}

async function firstLoad(h) {
  // Signed out (the login page), then the home page of every role: a secretary's and a committee's carry
  // their own sections (HomeManager), the school's its own menu.
  for (const [what, username] of [
    ["login", null],
    ["member", "member"],
    ["secretary", "secretary"],
    ["committee admin", "admin"],
    ["school", "school"],
  ]) {
    const scripts = await firstLoadOf(h, username);
    const bytes = gzipOf(scripts);
    console.log(`  first-load JS, gzip: ${what} ${(bytes / 1024).toFixed(1)} KB (${breakdown(scripts)})`);
    h.expect.ok(bytes <= FIRST_LOAD_LIMIT, `${what}'s first load is ${bytes} bytes of gzipped JS`);
    h.expect.ok(!scripts.some(isChartChunk), `${what}: no chart chunk before a chart`);
    // Only the reader's locale: zh-CN is in the shell itself, the others' strings stay on the server.
    h.expect.ok(!scripts.some(isLocaleChunk), `${what}: no other locale's strings`);
  }
}

/**
 * An English reader's first load fetches English and shows it from the first paint: no zh-CN text, no key
 * (the page's text is recorded from before the app starts). Offline, through the service worker, the login
 * page still opens and the language still switches, both ways.
 */
async function locales(h) {
  const page = await h.newPage({ phone: true, serviceWorker: true });
  const context = page.context();
  await page.goto("/login");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.evaluate(() => localStorage.setItem("locale", "en"));
  await page.addInitScript(() => {
    window.seen = [];
    new MutationObserver(() => window.seen.push(document.body?.textContent ?? "")).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  const scripts = scriptsOf(page);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Vanguard Learning" }).waitFor();
  const seen = await page.evaluate(() => window.seen.filter((t) => t.trim()));
  h.expect.ok(seen.length > 0, "the page's text was recorded");
  for (const text of seen) {
    h.expect.doesNotMatch(text, /先锋|登录|用户名/, "no zh-CN text before English");
    h.expect.doesNotMatch(text, /\b(app|username|password|submit)\b/, "no key shown for a string");
  }
  h.expect.ok(
    scripts.some((p) => /\/assets\/en-[\w-]+\.js$/.test(p)),
    "English came as its own chunk",
  );
  h.expect.ok(!scripts.some((p) => /\/assets\/zh-TW-[\w-]+\.js$/.test(p)), "and zh-TW did not");

  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Vanguard Learning" }).waitFor();
  const language = page.getByRole("combobox", { name: "Language" });
  await language.selectOption("zh-TW");
  await page.getByRole("heading", { level: 1, name: "先鋒學習" }).waitFor();
  await page.getByLabel("使用者名稱").waitFor();
  await h.shot(page, "charts-login-offline-zh-TW-phone");
  await page.getByRole("combobox", { name: "語言" }).selectOption("zh-CN");
  await page.getByRole("heading", { level: 1, name: "先锋学习" }).waitFor();
  await page.getByLabel("用户名").waitFor();
  await context.setOffline(false);
  await context.close();
}

/** A signed-in page at 360 or 1366 px that records its scripts. */
async function pageAs(h, username, phone) {
  const page = await h.newPage({ phone });
  if (!phone) await page.setViewportSize({ width: 1366, height: 900 });
  const scripts = scriptsOf(page);
  await h.login(page, username);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForLoadState("networkidle");
  h.expect.ok(!scripts.some(isChartChunk), "home fetched no chart chunk");
  return { page, scripts };
}

export default async function charts(h) {
  const cycle = await h.d1
    .prepare("SELECT id FROM eval_cycles WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 1")
    .first();
  for (const phone of [true, false]) {
    // The member's year of study against the quota.
    const member = await pageAs(h, "member", phone);
    await member.page.goto("/study");
    const study = member.page.getByTestId("study-chart");
    await chartAndTable(h, member.page, study, "my-study", phone, ["1月"]);
    h.expect.ok(member.scripts.some(isChartChunk), "the chart chunk comes with the first chart");
    await member.page.context().close();

    // The secretary: the index bands, last year's grades decided.
    const { page: sec } = await pageAs(h, "secretary", phone);
    await sec.goto("/vanguard-overview");
    await sec.getByRole("button", { name: "实时预览" }).click();
    await chartAndTable(h, sec, sec.getByTestId("index-distribution").first(), "index-bands", phone, [
      "数据不足",
      "90-100",
    ]);
    await sec.goto(`/evaluations/cycle/${cycle.id}`);
    await chartAndTable(h, sec, sec.getByTestId("grade-distribution"), "grades", phone, ["不合格", "优秀"]);
    await sec.context().close();

    // The committee: organisational life against the rhythm, and the development plan against the year.
    const { page: admin } = await pageAs(h, "admin", phone);
    await admin.goto("/orglife/overview");
    await chartAndTable(h, admin, admin.getByTestId("rhythm-chart"), "rhythm", phone, ["党课", "主题党日"]);
    await admin.goto("/development");
    await admin.locator("summary", { hasText: "年度发展党员计划" }).click();
    await chartAndTable(h, admin, admin.getByTestId("plan-chart"), "plan", phone, ["人数"]);
    await admin.context().close();
  }
  await firstLoad(h);
  await locales(h);
}
