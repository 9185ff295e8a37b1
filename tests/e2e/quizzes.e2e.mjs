// A member takes the timed demo exam on a phone; the network drops mid-attempt, answers continue and are
// kept on the device, the network returns, they sync, and the attempt submits through the app's dialog.
// Then the party school builds a bank and a quiz on a 360-px phone without typing an id, and a member
// takes it, is told what is left unanswered before submitting, and finds it in their history.
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

/** Neither the page nor any table inside it scrolls sideways. */
async function noSidewaysScroll(h, page, name) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
  }));
  h.expect.ok(overflow.page <= 0, `${name} overflows by ${overflow.page}px`);
  for (const t of overflow.tables) h.expect.ok(t <= 0, `${name}: a table scrolls sideways by ${t}px`);
}

/** Every failed API request a page makes, so a request sent before its input is chosen shows up. */
function failedRequests(page) {
  const failed = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/") && r.status() >= 400)
      failed.push(`${r.status()} ${new URL(r.url()).pathname} (on ${new URL(page.url()).pathname})`);
  });
  return failed;
}

/** Picks an option by its visible name (the pickers indent names in a tree). */
async function pick(page, label, name) {
  const select = page.getByRole("combobox", { name: label, exact: true });
  const value = await select.locator("option", { hasText: name }).first().getAttribute("value");
  await select.selectOption(value);
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
  async function answerCurrent(p = page) {
    const q = p.locator("fieldset.question");
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
  await page.getByRole("button", { name: "交卷" }).click();
  // The app's own dialog, not the browser's: everything is answered, so it only warns it is final.
  const dialog = page.getByRole("dialog", { name: /交卷后不能修改/ });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "交卷" }).click();
  await page.getByText(/得分 \d+(\.\d)? \/ 100/).waitFor();
  await h.shot(page, "quizzes-attempt-submitted");
  await accessible(h, page, "review page");
  // Every question was saved: the closed attempt shows an answer for each.
  const attemptId = page.url().split("/").pop();
  const view = await page.evaluate(async (id) => (await fetch(`/api/attempts/${id}`)).json(), attemptId);
  h.expect.equal(view.state, "closed");
  h.expect.equal(view.questions.filter((q) => q.response !== null).length, count, "every answer reached the server");
  await noSidewaysScroll(h, page, "review page");

  // Back on my quizzes: the attempt counts against the allowance, and the last result is one tap away.
  await page.goto(`${h.baseURL}/quizzes`);
  await card.getByText("已答 1 / 2 次").waitFor();
  await h.shot(page, "quizzes-my-quizzes");
  await card.getByRole("link", { name: "查看上次结果" }).click();
  await page.waitForURL(`**/quizzes/attempt/${attemptId}`);
  await page.getByText(/得分 \d+(\.\d)? \/ 100/).waitFor();

  // The party school imports GIFT: a bad file is listed line by line and nothing is imported; a good one lands.
  const desk = await h.newPage({ phone: false });
  await h.login(desk, "school");
  await desk.goto(`${h.baseURL}/quizzes/banks`);
  await desk.getByRole("link", { name: "党的群众路线与基层服务型党组织建设" }).click();
  await desk.getByLabel("或粘贴文本").fill("::好:: 群众路线是生命线 {T}\n\n::坏:: 数值 {#abc}\n");
  await desk.getByRole("button", { name: "导入", exact: true }).click();
  await desk.getByText("发现 1 处问题，未导入任何题目").waitFor();
  // In the reader's language alone, where the file has it.
  await desk.getByText("第 3 行：不是数值、误差或区间", { exact: true }).waitFor();
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
  await desk.context().close();

  await schoolBuildsOnAPhone(h);
}

/** The school makes a bank, two questions and a quiz on a phone, choosing everything by name. */
async function schoolBuildsOnAPhone(h) {
  const school = await h.newPage({ phone: true });
  await h.login(school, "school");
  const schoolFailures = failedRequests(school);
  await school.goto("/quizzes/banks");
  await school.getByRole("heading", { name: "新建题库" }).waitFor();
  await noSidewaysScroll(h, school, "banks");
  // Saving with the name left empty says so beside the field.
  await school.getByRole("button", { name: "保存" }).click();
  await school.locator(".field", { hasText: "题库名称" }).getByText("必填").waitFor();
  await school.getByLabel("题库名称").fill("手机上建的题库");
  await pick(school, "每日一练面向组织（可不选）", "幸福社区党支部");
  await school.getByRole("button", { name: "保存" }).click();
  await school.waitForURL(/\/quizzes\/banks\/[^/]+$/);
  await school.getByRole("heading", { name: "手机上建的题库" }).waitFor();

  // A category of its own, then a single choice and a true/false question, each with its own form.
  await school.getByLabel("分类名称").fill("党章");
  await school.getByRole("button", { name: "添加分类" }).click();
  await school.getByText("已创建").waitFor();
  await school.getByRole("button", { name: "新建题目" }).click();
  await school.getByLabel("名称", { exact: true }).fill("宗旨");
  await school.getByLabel("题干").fill("党的根本宗旨是什么？");
  await school.getByLabel("选项 1", { exact: true }).fill("全心全意为人民服务");
  await school.getByLabel("选项 2", { exact: true }).fill("追求利润");
  await h.shot(school, "quizzes-question-editor-phone");
  await noSidewaysScroll(h, school, "question editor");
  await school.getByRole("button", { name: "保存" }).click();
  await school.getByRole("cell", { name: "宗旨" }).waitFor();
  await school.getByRole("button", { name: "新建题目" }).click();
  await school.getByLabel("题型").selectOption({ label: "判断" });
  await school.getByLabel("名称", { exact: true }).fill("生命线");
  await school.getByLabel("分类", { exact: true }).selectOption({ label: "党章" });
  await school.getByLabel("题干").fill("群众路线是党的生命线和根本工作路线。");
  await school.getByRole("radio", { name: "正确" }).check();
  await school.getByRole("button", { name: "保存" }).click();
  await school.getByRole("cell", { name: "生命线" }).waitFor();
  await h.shot(school, "quizzes-bank-phone");
  await noSidewaysScroll(h, school, "bank editor");

  // The quiz: saving it empty marks each missing field; then everything is picked by name.
  await school.goto("/quizzes/build/new");
  await school.getByRole("heading", { name: "新建测验" }).waitFor();
  await school.getByRole("button", { name: "保存" }).click();
  await school.locator(".field", { hasText: "标题" }).getByText("必填").waitFor();
  await school.locator(".field", { hasText: "面向组织" }).getByText("必填").waitFor();
  await school.getByText("至少加入一道题目").waitFor();
  await h.shot(school, "quizzes-builder-errors-phone");
  await school.getByLabel("标题").fill("手机上建的测验");
  await pick(school, "面向组织", "幸福社区党支部");
  await school.getByLabel("允许次数（0 为不限）").fill("2");
  await school.getByLabel("发布").check();
  await pick(school, "题库", "手机上建的题库");
  await school.getByRole("checkbox", { name: /宗旨/ }).check();
  await school.getByRole("checkbox", { name: /生命线/ }).check();
  await school.getByRole("button", { name: "加入所选题目" }).click();
  await school.locator("ol.slots li", { hasText: "生命线" }).waitFor();
  await noSidewaysScroll(h, school, "quiz builder");
  await school.getByRole("button", { name: "保存" }).click();
  await school.waitForURL(/\/quizzes\/build\/(?!new)[^/]+$/);
  await school.getByRole("heading", { name: "编辑" }).waitFor();
  await school.getByText("已保存").waitFor();
  h.expect.equal(await school.getByLabel("标题").inputValue(), "手机上建的测验");
  await school.locator("ol.slots li", { hasText: "宗旨" }).waitFor();
  await h.shot(school, "quizzes-builder-phone");
  h.expect.deepEqual(schoolFailures, [], "no request failed while building");
  await school.context().close();

  // A member takes it, leaves one question unanswered, and is told so before submitting.
  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  const memberFailures = failedRequests(member);
  await member.goto("/quizzes");
  const card = member.locator("article", { hasText: "手机上建的测验" });
  await card.getByRole("button", { name: "开始答题" }).click();
  await member.waitForURL(/\/quizzes\/attempt\//);
  await member.locator("fieldset.question input").first().check();
  await member.getByText("全部答案已保存到服务器").waitFor();
  await member.getByRole("button", { name: "交卷" }).click();
  const dialog = member.getByRole("dialog", { name: "还有 1 题未作答，提交后不能修改。确定交卷吗？" });
  await dialog.waitFor();
  await h.shot(member, "quizzes-submit-dialog-phone");
  await dialog.getByRole("button", { name: "交卷" }).click();
  await member.getByText(/得分 \d+(\.\d)? \/ 2/).waitFor();
  const attemptId = member.url().split("/").pop();

  // The history lists it with its result and its review.
  await member.goto("/quizzes");
  const row = member.getByRole("row", { name: /手机上建的测验/ });
  await row.getByText(/\d+(\.\d)? \/ 2/).waitFor();
  await noSidewaysScroll(h, member, "my quizzes");
  await h.shot(member, "quizzes-history-phone");
  await row.getByRole("link", { name: "回顾" }).click();
  await member.waitForURL(`**/quizzes/attempt/${attemptId}`);
  await member.locator("fieldset.question").first().waitFor();
  await noSidewaysScroll(h, member, "attempt review");
  // The quiz's own page lists the attempt too.
  await member.goto("/quizzes");
  await card.getByRole("link", { name: "手机上建的测验" }).click();
  await member
    .getByRole("row", { name: /第 1 次/ })
    .getByText(/\d+(\.\d)? \/ 2/)
    .waitFor();
  await noSidewaysScroll(h, member, "quiz page");
  await h.shot(member, "quizzes-quiz-page-phone");
  h.expect.deepEqual(memberFailures, [], "no request failed while taking");

  // The same pages on a desktop, for the screenshots.
  const desk = await h.newPage({ phone: false });
  await h.login(desk, "member");
  await desk.goto("/quizzes");
  await desk.getByRole("row", { name: /手机上建的测验/ }).waitFor();
  await h.shot(desk, "quizzes-history-desktop");
  await desk.context().close();
  const deskSchool = await h.newPage({ phone: false });
  await h.login(deskSchool, "school");
  await deskSchool.goto("/quizzes");
  await deskSchool
    .getByRole("row", { name: /手机上建的测验/ })
    .getByRole("link", { name: "编辑" })
    .click();
  await deskSchool.locator("ol.slots li", { hasText: "宗旨" }).waitFor();
  await h.shot(deskSchool, "quizzes-builder-desktop");
  await deskSchool.goto("/quizzes");
  await deskSchool.getByRole("row", { name: /手机上建的测验/ }).waitFor();
  await h.shot(deskSchool, "quizzes-manage-desktop");
  await deskSchool.context().close();
  await member.context().close();
}
