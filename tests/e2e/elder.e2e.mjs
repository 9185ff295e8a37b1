// 长辈版: a member turns the large-text mode on at the login page, logs in and goes through their main
// pages on a 360 px phone; every page keeps the MIIT 适老化 sizes, nothing scrolls sideways, axe finds no
// serious issue, and the mode is still on after a reload because the account remembers it.
import { AxeBuilder } from "@axe-core/playwright";
import { noSidewaysScroll } from "./overflow.mjs";

const TOUCH = 60;

/** Body text, line spacing and the height of every visible button and link in the main content. */
async function largeText(h, page, name) {
  const m = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const small = [
      ...document.querySelectorAll(
        "main button, main a, main select, main input:not([type=checkbox]):not([type=radio])",
      ),
    ]
      .filter((el) => el.getClientRects().length > 0 && !el.closest(".sr-only, .skip"))
      .map((el) => ({
        text: (el.textContent || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 30),
        height: el.getBoundingClientRect().height,
      }));
    return {
      elder: document.documentElement.classList.contains("elder"),
      fontSize: Number.parseFloat(body.fontSize),
      lineHeight: Number.parseFloat(body.lineHeight) / Number.parseFloat(body.fontSize),
      controls: small,
    };
  });
  h.expect.ok(m.elder, `${name}: the large-text mode is on`);
  h.expect.ok(m.fontSize >= 24, `${name}: body text is ${m.fontSize}px`);
  h.expect.ok(m.lineHeight >= 1.3, `${name}: line spacing is ${m.lineHeight}`);
  h.expect.ok(m.controls.length > 0, `${name}: has controls to measure`);
  const short = m.controls.filter((c) => c.height < TOUCH - 0.5);
  h.expect.deepEqual(short, [], `${name}: touch targets under ${TOUCH}px`);
}

async function accessible(h, page, name) {
  // label-content-name-mismatch is off by default in axe (experimental); a spoken command must match the visible text.
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  h.expect.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility of ${name}`,
  );
}

async function check(h, page, name) {
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("networkidle");
  // The page's own content, not only its heading: under load its data may land after the network quiets.
  await page.locator("main :is(button, a, select, input)").first().waitFor();
  await h.shot(page, `elder-${name}-phone`);
  await largeText(h, page, name);
  await noSidewaysScroll(h, page, `elder ${name}`);
  await accessible(h, page, `elder ${name}`);
}

export default async function elder(h) {
  const page = await h.newPage({ phone: true });
  await page.goto("/login");
  await page.getByRole("switch", { name: "长辈版（大字）" }).check();
  await h.expect.equal(await page.evaluate(() => document.documentElement.classList.contains("elder")), true);
  await noSidewaysScroll(h, page, "elder login");
  await accessible(h, page, "elder login");
  await h.shot(page, "elder-login-phone");

  await page.getByLabel("用户名").fill("member");
  await page.getByLabel(/^密码$/).fill("demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await check(h, page, "home");

  await h.nav(page, "我的学习");
  await check(h, page, "study");
  await page.locator('main a[href^="/courses/"]').first().click();
  await page.locator('main a[href*="/lessons/"]').first().click();
  await check(h, page, "lesson");
  // The lesson is long: its first screen, as the member first sees it.
  await page.screenshot({ path: new URL("screenshots/elder-lesson-first-screen-phone.png", import.meta.url).pathname });

  await h.nav(page, "测验考试");
  await check(h, page, "quizzes");
  await h.nav(page, "我的评议");
  await check(h, page, "evaluations");
  await h.nav(page, "成长档案");
  await check(h, page, "archive");

  // Remembered on the account, not only in this browser: a fresh context with no localStorage.
  await page.reload();
  await check(h, page, "archive-reloaded");
  const fresh = await h.newPage({ phone: true });
  await h.login(fresh, "member");
  await fresh.locator("main h1").first().waitFor();
  h.expect.ok(
    await fresh.evaluate(() => document.documentElement.classList.contains("elder")),
    "a new device shows the member's large-text mode",
  );
  await fresh.goto("/profile");
  await check(h, fresh, "profile");
  h.expect.ok(await fresh.getByRole("switch", { name: "长辈版（大字）" }).isChecked(), "the profile shows the mode on");
  await fresh.getByRole("switch", { name: "长辈版（大字）" }).uncheck();
  await fresh.waitForLoadState("networkidle");
  await page.reload();
  await page.locator("main h1").first().waitFor();
  h.expect.equal(
    await page.evaluate(() => document.documentElement.classList.contains("elder")),
    false,
    "turning it off in the profile reaches the member's other devices",
  );
  await fresh.context().close();
  await page.context().close();
}
