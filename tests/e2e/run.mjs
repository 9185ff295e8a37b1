// End-to-end tests in real Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the
// built app in workerd. Each tests/e2e/*.e2e.mjs exports a default async function taking the helpers below.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildWorker, startApp } from "../harness/miniflare.mjs";
import { ticked } from "../lib/ticked.mjs";

const here = import.meta.dirname;
const shots = join(here, "screenshots");
mkdirSync(shots, { recursive: true });
const only = process.argv[2];

buildWorker();
// Two lanes at once, each with its own app (its own D1, migrated and seeded) and browser, each taking the next file
// as it finishes one. A file spends much of its time waiting on the page, so two lanes on two cores save a third.
// Every file also passes alone (`node tests/e2e/run.mjs NAME`): none counts on another's writes.
const LANES = Number(process.env.E2E_LANES ?? 2);
const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--lang=zh-CN",
    ],
    // Chromium's own words (date fields, file pickers) in Chinese, as a member's browser shows them: both the
    // flag and LANGUAGE are needed on Linux.
    env: { ...process.env, LANGUAGE: "zh_CN" },
  });

/** What a file is given: its own app (and D1) in the lane's browser. */
const helpersFor = (app, browser) => ({
  baseURL: app.entryUrl,
  expect: assert,
  d1: app.d1,
  /** A fresh context; the service worker only where a suite asks (else every context downloads the shell). */
  async newPage({ phone = false, serviceWorker = false } = {}) {
    const context = await browser.newContext({
      serviceWorkers: serviceWorker ? "allow" : "block",
      baseURL: app.entryUrl,
      viewport: phone ? { width: 360, height: 800 } : { width: 1280, height: 860 },
      deviceScaleFactor: 1,
      isMobile: phone,
      hasTouch: phone,
      locale: "zh-CN",
    });
    context.setDefaultTimeout(10_000);
    return context.newPage();
  },
  async login(page, username, password = "demo-2026") {
    await page.goto("/login");
    await page.getByLabel(/用户名|使用者名稱|Username/).fill(username);
    await page.getByLabel(/^(密码|密碼|Password)$/).fill(password);
    await page.getByRole("button", { name: /登录|登入|Log in/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  },
  /** Follows a link of the main navigation, opening the menu that holds it (phone) or its group (desktop). */
  async nav(page, label) {
    const nav = page.getByRole("navigation", { name: /^(导航|導覽|Navigation)$/ });
    const link = nav.getByRole("link", { name: label, exact: true });
    if (!(await link.isVisible())) {
      const toggle = nav.locator(".nav-toggle button");
      if (await toggle.isVisible()) await toggle.click();
      else {
        for (const group of await nav.locator(".nav-group-button").all()) {
          if ((await group.getAttribute("aria-expanded")) !== "true") await group.click();
          if (await link.isVisible()) break;
        }
      }
    }
    await link.click();
  },
  async shot(page, name) {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  },
  /** Runs the Worker's scheduled handler once, as the cron trigger would, and waits for the tick it sends. */
  async cron(scheduledTime = new Date(), cron = "*/15 * * * *") {
    const worker = await app.mf.getWorker("app");
    await worker.scheduled({ cron, scheduledTime });
    await ticked([app.d1], scheduledTime.getTime());
  },
});

let passed = 0;
let failed = 0;
const queue = readdirSync(here)
  .filter((f) => f.endsWith(".e2e.mjs") && (!only || f.includes(only)))
  .sort();

async function lane() {
  const [app, browser] = await Promise.all([startApp({ assets: true }), launch()]);
  const helpers = helpersFor(app, browser);
  for (let file = queue.shift(); file; file = queue.shift()) {
    const started = Date.now();
    try {
      const mod = await import(join(here, file));
      await mod.default(helpers);
      passed++;
      console.log(`✓ ${file} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.error(`✗ ${file}\n${err?.stack ?? err}`);
    }
  }
  await browser.close();
  await app.close();
}
await Promise.all(Array.from({ length: Math.min(LANES, queue.length) }, lane));
console.log(`\nscreenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
