// A member takes the timed demo exam on a phone; the network drops mid-attempt, answers continue and are
// kept on the device, the network returns, they sync, and the attempt submits with every answer.
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

export default async function quizzes(h) {
  const page = await h.newPage({ phone: true });
  await h.login(page, "member");
  await page.goto(`${h.baseURL}/quizzes`);
  const card = page.locator("article", { hasText: "党的群众路线知识考试" });
  await card.getByRole("button").click();
  await page.waitForURL(/\/quizzes\/attempt\//);
  await page.getByRole("timer").waitFor();
  const nav = page.getByRole("navigation", { name: /题目导航/ });
  const count = await nav.getByRole("button").count();
  h.expect.ok(count >= 10, `expected 10 questions, saw ${count}`);

  /** Answers whatever question is showing with something valid for its type. */
  async function answerCurrent() {
    const q = page.locator("fieldset.question");
    if ((await q.locator('input[type="radio"]').count()) > 0) await q.locator('input[type="radio"]').first().check();
    else if ((await q.locator('input[type="checkbox"]').count()) > 0)
      await q.locator('input[type="checkbox"]').first().check();
    else if ((await q.locator("select").count()) > 0) {
      for (const s of await q.locator("select").all()) await s.selectOption({ index: 1 });
    } else if ((await q.locator("textarea").count()) > 0) await q.locator("textarea").fill("离线时写下的体会");
    else await q.locator("input").first().fill("1921");
  }

  const half = Math.floor(count / 2);
  for (let i = 0; i < half; i++) {
    await nav.getByRole("button", { name: String(i + 1), exact: true }).click();
    await answerCurrent();
  }
  await page.getByText("全部答案已保存到服务器").waitFor();
  await h.shot(page, "quizzes-attempt-online");
  await accessible(h, page, "attempt page");

  await page.context().setOffline(true);
  for (let i = half; i < count; i++) {
    await nav.getByRole("button", { name: String(i + 1), exact: true }).click();
    await answerCurrent();
  }
  await page.getByText(/网络已断开|等待同步/).waitFor();
  await h.shot(page, "quizzes-attempt-offline");
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("quiz-queue:")).length);
  h.expect.equal(queued, 1, "answers are queued in localStorage while offline");

  await page.context().setOffline(false);
  await page.getByText("全部答案已保存到服务器").waitFor({ timeout: 20_000 });
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "交卷" }).click();
  await page.getByText(/得分 \d+(\.\d+)? \/ 100/).waitFor();
  await h.shot(page, "quizzes-attempt-submitted");
  await accessible(h, page, "review page");
  // Every question was saved: the closed attempt shows an answer for each.
  const attemptId = page.url().split("/").pop();
  const view = await page.evaluate(async (id) => (await fetch(`/api/attempts/${id}`)).json(), attemptId);
  h.expect.equal(view.state, "closed");
  h.expect.equal(view.questions.filter((q) => q.response !== null).length, count, "every answer reached the server");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `attempt page overflows by ${overflow}px on a phone`);

  // Back on my quizzes: the attempt counts against the allowance, and the last result is one tap away.
  await page.goto(`${h.baseURL}/quizzes`);
  await card.getByText("已答 1 / 2 次").waitFor();
  await h.shot(page, "quizzes-my-quizzes");
  await card.getByRole("link", { name: "查看上次结果" }).click();
  await page.waitForURL(`**/quizzes/attempt/${attemptId}`);
  await page.getByText(/得分 \d+(\.\d+)? \/ 100/).waitFor();

  // The party school imports GIFT: a bad file is listed line by line and nothing is imported; a good one lands.
  const desk = await h.newPage({ phone: false });
  await h.login(desk, "school");
  await desk.goto(`${h.baseURL}/quizzes/banks`);
  await desk.getByRole("link", { name: "党的群众路线与基层服务型党组织建设" }).click();
  await desk.getByLabel("或粘贴文本").fill("::好:: 群众路线是生命线 {T}\n\n::坏:: 数值 {#abc}\n");
  await desk.getByRole("button", { name: "导入", exact: true }).click();
  await desk.getByText("发现 1 处问题，未导入任何题目").waitFor();
  await desk.getByText(/第 3 行/).waitFor();
  await h.shot(desk, "quizzes-import-errors");
  await accessible(h, desk, "bank editor");
  await desk.getByLabel("或粘贴文本").fill("::好:: 群众路线是生命线 {T}\n");
  await desk.getByRole("button", { name: "导入", exact: true }).click();
  await desk.getByText("已导入 1 题").waitFor();
  // Moodle GIFT with a description: the question imports, the description is reported by line and title.
  await desk.getByLabel("或粘贴文本").fill("::说明:: 以下考查群众路线。\n\n::数值:: 几? {#3:2~#错}\n");
  await desk.getByRole("button", { name: "导入", exact: true }).click();
  await desk.getByText("已导入 1 题").waitFor();
  await desk.getByText("第 1 行「说明」：说明文字（没有答案块）不是题目，已跳过").waitFor();
  await desk.getByText(/第 3 行「数值」/).waitFor();
  await h.shot(desk, "quizzes-import-notes");
}
