// The installable app on a phone: a member keeps a lesson for offline from the course's list without
// opening it, opens another lesson and a quiz attempt, the network goes, the home page, both lessons and
// the attempt reload from the service worker's caches, answers queue and sync when it returns; a new
// version waits behind a banner until tapped; logging out leaves nothing for the next.
import { AxeBuilder } from "@axe-core/playwright";
import { noSidewaysScroll } from "./overflow.mjs";

const COURSE = "新时代党员理论学习基础";
const LESSON = "学习党章，明确党员义务";
const KEPT = "理论学习的方法";
const EXAM = "党的群众路线知识考试";

/** The answer kept offline comes from the study cache (stamped when kept), not from the network. */
const keptAt = (page, path) => page.evaluate(async (p) => (await fetch(p)).headers.get("x-kept-at"), path);
const reachesNetwork = (page, path) =>
  page.evaluate(async (p) => {
    try {
      await fetch(p);
      return true;
    } catch {
      return false;
    }
  }, path);

export default async function pwa(h) {
  const page = await h.newPage({ phone: true, serviceWorker: true });
  const context = page.context();
  await page.goto("/login");
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    return (await fetch(link.href)).json();
  });
  h.expect.equal(manifest.name, "先锋学习");
  h.expect.deepEqual(
    manifest.icons.map((i) => `${i.sizes} ${i.purpose}`),
    ["192x192 any", "512x512 any", "512x512 maskable"],
  );
  for (const icon of manifest.icons) {
    const type = await page.evaluate(async (src) => (await fetch(src)).headers.get("content-type"), icon.src);
    h.expect.match(type, /image\/png/);
  }
  await h.login(page, "dy020");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.goto("/");
  await page.getByRole("heading", { name: /您好/ }).waitFor();

  // Lessons kept for offline from the course's list, never opened: one kept, one kept and removed again.
  await page.goto("/catalogue");
  await page.getByRole("link", { name: COURSE }).first().click();
  const keep = (title) => page.getByRole("button", { name: `离线保存：${title}` });
  const drop = (title) => page.getByRole("button", { name: `移除离线：${title}` });
  const card = (title) => page.locator("li.card", { hasText: title });
  await keep(KEPT).click();
  await card(KEPT).getByText("已离线保存").waitFor();
  await keep(LESSON).click();
  await drop(LESSON).click();
  await keep(LESSON).waitFor();
  h.expect.equal(await card(LESSON).getByText("已离线保存").count(), 0, "the removed lesson has no marker");
  await page.reload();
  await drop(KEPT).waitFor(); // the marker is the device's, not the page's memory
  await h.shot(page, "pwa-course-kept-offline-phone");
  await noSidewaysScroll(h, page, "the course with lessons kept offline");
  const { violations } = await new AxeBuilder({ page }).analyze();
  h.expect.deepEqual(
    violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    [],
    "accessibility of the course's offline marks",
  );
  const keptUrl = await card(KEPT).getByRole("link").getAttribute("href");
  const lessonApi = `/api${await card(LESSON).getByRole("link").getAttribute("href")}`;
  await context.setOffline(true);
  h.expect.ok(await keptAt(page, `/api${keptUrl}`), "the kept lesson is on the device");
  h.expect.equal(await reachesNetwork(page, lessonApi), false, "the removed lesson is not");
  await context.setOffline(false);

  // A lesson opened while online.
  await page.goto("/catalogue");
  await page.getByRole("link", { name: COURSE }).first().click();
  await page
    .getByRole("link", { name: /开始学习|继续学习/ })
    .first()
    .click();
  await page.getByRole("heading", { name: LESSON }).waitFor();
  const lessonUrl = new URL(page.url()).pathname;
  const lessonText = (await page.locator("article.reader p").first().textContent()).trim();

  // A quiz attempt with one answer saved online.
  await page.goto("/quizzes");
  await page.locator("article", { hasText: EXAM }).getByRole("button").click();
  await page.waitForURL(/\/quizzes\/attempt\//);
  const attemptUrl = new URL(page.url()).pathname;
  const attemptId = attemptUrl.split("/").pop();
  const nav = page.getByRole("navigation", { name: /题目导航/ });
  // Questions come in an order of their own per attempt: answer the first whatever its type.
  await page.locator("fieldset.question").first().waitFor();
  await answer(page);
  await page.getByText("全部答案已保存到服务器").waitFor();

  await context.setOffline(true);
  h.expect.equal(await reachesNetwork(page, "/api/health"), false, "the network is really gone");

  // The home shell reloads offline.
  await page.goto("/");
  await page.getByRole("heading", { name: /您好/ }).waitFor();
  h.expect.ok(await keptAt(page, "/api/home"), "home was read from the study cache");
  await h.shot(page, "pwa-home-offline-phone");

  // The lesson kept from the list reads offline, never having been opened.
  const { body } = await h.d1
    .prepare("SELECT v.body FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id WHERE v.title = ?")
    .bind(KEPT)
    .first();
  await page.goto(keptUrl);
  await page.getByRole("heading", { name: KEPT }).waitFor();
  await page.locator("article.reader li", { hasText: body.match(/^- (.+)$/m)[1] }).waitFor();
  await h.shot(page, "pwa-kept-lesson-offline-phone");

  // The lesson opened reads offline.
  await page.goto(lessonUrl);
  await page.getByRole("heading", { name: LESSON }).waitFor();
  await page.getByText(lessonText.slice(0, 20)).first().waitFor();
  // Its progress report waits for the network instead of failing, and goes when the network is back.
  const waiting = page.getByRole("status").filter({ hasText: "离线阅读中：学习进度将在联网后同步" });
  await waiting.waitFor();
  h.expect.equal(await page.getByRole("alert").count(), 0, "no error while reading offline");
  await h.shot(page, "pwa-lesson-offline-phone");
  await context.setOffline(false);
  await waiting.waitFor({ state: "detached" });
  h.expect.equal(await page.getByRole("alert").count(), 0, "the waiting report was accepted");
  await context.setOffline(true);

  // The attempt reloads offline, takes answers into its queue, and keeps them across another reload.
  await page.goto(attemptUrl);
  await page.getByRole("timer").waitFor();
  for (const n of ["2", "3"]) {
    await nav.getByRole("button", { name: n, exact: true }).click();
    await answer(page);
  }
  await page.getByText(/网络已断开/).waitFor();
  await page.reload();
  await page.getByRole("timer").waitFor();
  await page.getByText(/网络已断开.*2/).waitFor();
  h.expect.equal(await nav.locator("button.unsaved").count(), 2, "two answers wait in the queue");
  await h.shot(page, "pwa-attempt-offline-phone");

  await context.setOffline(false);
  await page.getByText("全部答案已保存到服务器").waitFor({ timeout: 20_000 });
  const view = await page.evaluate(async (id) => (await fetch(`/api/attempts/${id}`)).json(), attemptId);
  h.expect.equal(view.questions.filter((q) => q.response !== null).length, 3, "the offline answers reached the server");

  // A new version: it installs and waits behind the banner; tapping it swaps and reloads onto it. (A deploy
  // is stood in for by a new script URL: the test server's assets, and their ETags, are fixed at start.)
  const scriptOf = () => page.evaluate(() => new URL(navigator.serviceWorker.controller.scriptURL).search);
  h.expect.equal(await scriptOf(), "");
  await page.evaluate(() => navigator.serviceWorker.register("/sw.js?next"));
  const banner = page.getByRole("button", { name: "有新版本，刷新" });
  await banner.waitFor({ timeout: 30_000 });
  h.expect.equal(await scriptOf(), "", "not swapped before the member asks");
  await h.shot(page, "pwa-update-banner-phone");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 0, `the banner overflows by ${overflow}px`);
  await page.evaluate(() => {
    window.beforeTheSwap = true;
  });
  await Promise.all([page.waitForEvent("load"), banner.click()]);
  await page.getByRole("timer").waitFor();
  // A new page, not the old one with its banner. (The new page registers "/sw.js" again, which to the
  // browser is another version than "?next": it may install and offer the banner anew, as it should.)
  h.expect.equal(await page.evaluate(() => window.beforeTheSwap), undefined, "the page reloaded");
  h.expect.equal(await scriptOf(), "?next", "the new version took over");

  // Logging out empties the study cache: the next member on this phone, offline, finds nothing of dy020's.
  await page.goto("/");
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
  await page.waitForFunction(async () => !(await caches.keys()).includes("study"));
  await h.login(page, "member");
  await page.getByRole("heading", { name: /您好/ }).waitFor();
  await context.setOffline(true);
  for (const path of [`/api/attempts/${attemptId}`, `/api/courses/${lessonUrl.split("/")[2]}`])
    h.expect.equal(await reachesNetwork(page, path), false, `${path} of dy020 is not kept for member`);
  const me = await page.evaluate(async () => (await fetch("/api/me")).json());
  h.expect.equal(me.username, "member");
  await context.setOffline(false);
  await context.close();
}

async function answer(page) {
  const q = page.locator("fieldset.question");
  if ((await q.locator('input[type="radio"]').count()) > 0) await q.locator('input[type="radio"]').first().check();
  else if ((await q.locator('input[type="checkbox"]').count()) > 0)
    await q.locator('input[type="checkbox"]').first().check();
  else if ((await q.locator("select").count()) > 0) {
    for (const s of await q.locator("select").all()) await s.selectOption({ index: 1 });
  } else if ((await q.locator("textarea").count()) > 0) await q.locator("textarea").fill("离线时写下的体会");
  else await q.locator("input").first().fill("1921");
}
