// The school publishes a course with a text and a video lesson, the admin assigns it to the committee's
// subtree, the member studies it on a 360-px phone and sees the hours added, the secretary sees it in
// the branch table and its chart of the year. (The video file is a stand-in: the player's progress reports are sent the way the
// player sends them, after a plausible wait, because headless Chromium has no decodable sample here.)
const hoursOf = async (page) => {
  const text = await page.getByTestId("study-hours").textContent();
  return Number((text ?? "").split("/")[0].trim());
};

/** Neither the page nor any table inside it scrolls sideways on the phone. */
async function noSidewaysScroll(h, page, name) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
  }));
  h.expect.ok(overflow.page <= 1, `${name} overflows by ${overflow.page}px`);
  for (const t of overflow.tables) h.expect.ok(t <= 1, `${name}: a table scrolls sideways by ${t}px`);
}

// A 1×1 PNG: the cover the school uploads.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export default async function courses(h) {
  const title = `远程教育测试课 ${Date.now() % 100000}`;

  // 1. The party school publishes.
  const school = await h.newPage({ phone: false });
  await h.login(school, "school");
  await h.nav(school, "课程编辑");
  await school.getByLabel("标题").fill(title);
  await school.getByLabel("简介").fill("端到端测试：群众工作方法");
  await school.getByLabel("类别").selectOption("theory");
  await school.getByRole("button", { name: "创建" }).click();
  await school.waitForURL(/\/school\/courses\/[a-z0-9]+$/);
  const courseId = new URL(school.url()).pathname.split("/").pop();
  // Publishing without a lesson is refused with the rule, not a bare "conflict".
  await school.getByRole("button", { name: "发布" }).click();
  await school.getByRole("alert").filter({ hasText: "课程至少要有一个课时才能发布" }).waitFor();
  // A cover uploaded from the editor.
  await school.getByLabel(/上传封面/).setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await school.locator("img.cover").waitFor();

  await school.getByLabel("类型").selectOption("text");
  await school.getByLabel("课时标题").fill("第一课：走好群众路线");
  await school.getByLabel("预计时长（分钟）").fill("1");
  const paragraphs = Array.from({ length: 30 }, (_, i) => `第 ${i + 1} 段：坚持从群众中来、到群众中去。`);
  await school.getByLabel("正文（Markdown）").fill(`# 走好群众路线\n\n${paragraphs.join("\n\n")}`);
  await school.getByRole("button", { name: "添加课时" }).click();
  await school.getByText("第一课：走好群众路线").waitFor();

  await school.getByLabel("类型").selectOption("video");
  await school.getByLabel("课时标题").fill("第二课：视频讲座");
  await school.getByLabel("预计时长（分钟）").fill("1");
  await school.getByLabel("上传文件", { exact: true }).setInputFiles({
    name: "lecture.mp4",
    mimeType: "video/mp4",
    buffer: Buffer.alloc(64 * 1024, 7),
  });
  await school.getByRole("button", { name: "添加课时" }).click();
  await school.getByText("第二课：视频讲座").waitFor();
  await school.getByRole("button", { name: "发布" }).click();
  await school.getByText("已发布").first().waitFor();
  await h.shot(school, "courses-editor-desktop");
  // The school's list counts lessons (2, not 0) and says the credit hours apart.
  await school.goto("/school/courses");
  const listed = school.getByRole("row").filter({ hasText: title });
  await listed.waitFor();
  const cells = await listed.getByRole("cell").allTextContents();
  h.expect.ok(cells.includes("2"), `lesson count in ${cells.join(" | ")}`);
  await school.context().close();

  // 2. The committee admin assigns it as required to the whole subtree.
  const admin = await h.newPage({ phone: false });
  await h.login(admin, "admin");
  await h.nav(admin, "课程分配");
  await admin.getByLabel("计划名称").fill("端到端专题班");
  await admin.getByLabel(title).check();
  await admin.getByLabel("截止日期").fill("2099-12-31");
  await admin.getByRole("button", { name: "分配", exact: true }).click();
  await admin.getByRole("status").filter({ hasText: "已分配" }).waitFor();
  await admin.context().close();

  // 3. The member studies on a phone.
  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  await h.nav(member, "我的学习");
  const before = await hoursOf(member);
  await member.getByRole("link", { name: title }).click();
  await member.getByRole("link", { name: "开始学习" }).click();
  await member.getByRole("heading", { name: "第一课：走好群众路线" }).waitFor();
  // Before it counts, the lesson says when it will: the guard as a clock time, never a running counter.
  const rule = member.getByTestId("lesson-rule");
  await rule.getByText("首次打开后至少 1 分钟").waitFor();
  await rule.getByText(/以后完成才会直接计入/).waitFor();
  h.expect.doesNotMatch((await rule.textContent()) ?? "", /\d+:\d{2}:\d{2}|已学习|在线/, "no online-time counter");
  await h.shot(member, "courses-lesson-rule-phone");
  await member.getByText("读完全文后自动记为完成").scrollIntoViewIfNeeded();
  await member.getByRole("status").filter({ hasText: "本课时已完成" }).waitFor({ timeout: 30_000 });
  h.expect.equal(await member.getByText("本课时已完成").count(), 1, "the lesson-done notice shows once");
  const overflow = await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `lesson page overflows by ${overflow}px`);
  await h.shot(member, "courses-lesson-text-phone");

  await member.getByRole("link", { name: "下一课时" }).click();
  await member.getByRole("heading", { name: "第二课：视频讲座" }).waitFor();
  const lessonId = new URL(member.url()).pathname.split("/").pop();
  await member.waitForTimeout(31_000); // a 1-minute video cannot plausibly be done in under 30 s
  const result = await member.evaluate(
    async ({ courseId, lessonId }) => {
      const res = await fetch(`/api/courses/${courseId}/lessons/${lessonId}/progress`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ percent: 95, position: 57 }),
      });
      return res.json();
    },
    { courseId, lessonId },
  );
  h.expect.equal(result.completion?.status, "credited", JSON.stringify(result));
  await h.nav(member, "我的学习");
  await member.getByText("已完成").first().waitFor();
  const after = await hoursOf(member);
  h.expect.ok(after > before, `hours ${before} -> ${after}`);
  await h.shot(member, "courses-my-study-phone");
  // The catalogue shows the cover and says lessons, minutes and credit hours apart.
  await h.nav(member, "课程中心");
  const card = member.locator(".catalogue .card").filter({ hasText: title });
  await card.locator("img.cover").waitFor();
  h.expect.match((await card.textContent()) ?? "", /2 个课时 · 2 分钟 · [\d.]+ 学时/);
  await noSidewaysScroll(h, member, "catalogue");
  await h.shot(member, "courses-catalogue-phone");
  // Searched in traditional characters, the simplified demo course is found, its passage marked.
  await member.locator("#q").fill("群眾路線");
  await member.locator("form.row button[type=submit]").click();
  const hit = member.locator(".catalogue .card").filter({ hasText: "加强基层服务型党组织建设" });
  await hit.locator("mark").first().waitFor();
  h.expect.equal(await hit.locator("mark").first().textContent(), "群众路线");
  await noSidewaysScroll(h, member, "catalogue search");
  await h.shot(member, "courses-catalogue-search-phone");
  await member.context().close();

  // 4. The secretary sees it in the branch table.
  const secretary = await h.newPage({ phone: false });
  await h.login(secretary, "secretary");
  await h.nav(secretary, "学习进度");
  await secretary.getByRole("cell", { name: "李建国" }).waitFor();
  const rateRow = secretary.getByRole("row").filter({ hasText: title });
  await rateRow.waitFor();
  h.expect.ok(/\d+%/.test((await rateRow.textContent()) ?? ""));
  await secretary.getByRole("link", { name: "导出 CSV" }).waitFor();
  // The chart of the year: the course just credited is in this month's online 学时, drawn and in words.
  const year = secretary.getByRole("region", { name: /年本组织学习情况/ });
  const totals = (await year.getByText(/全年已获学时/).textContent()) ?? "";
  const [online, , courses] = (totals.match(/[\d.]+/g) ?? []).map(Number);
  h.expect.ok(online > 0 && courses >= 1, `the year's totals: ${totals}`);
  const chart = secretary.getByTestId("branch-study-chart");
  await chart.scrollIntoViewIfNeeded();
  await chart.locator("svg.ct-chart-bar").waitFor();
  await h.shot(secretary, "courses-branch-table-desktop");
  await year.screenshot({ path: `${import.meta.dirname}/screenshots/courses-branch-chart-desktop.png` });
  await secretary.context().close();

  // 5. On the phone, the secretary opens one member's study from the table.
  const drill = await h.newPage({ phone: true });
  await h.login(drill, "secretary");
  await h.nav(drill, "学习进度");
  const phoneChart = drill.getByTestId("branch-study-chart");
  await phoneChart.scrollIntoViewIfNeeded();
  await phoneChart.locator("svg.ct-chart-bar").waitFor();
  await noSidewaysScroll(h, drill, "branch chart");
  await drill
    .getByRole("region", { name: /年本组织学习情况/ })
    .screenshot({ path: `${import.meta.dirname}/screenshots/courses-branch-chart-phone.png` });
  await drill.getByRole("button", { name: "李建国" }).click();
  const panel = drill.getByRole("region", { name: "李建国 的学习情况" });
  await panel.waitFor();
  await panel.getByText(/学时/).first().waitFor();
  await noSidewaysScroll(h, drill, "member study");
  await h.shot(drill, "courses-member-study-phone");
  await panel.screenshot({ path: `${import.meta.dirname}/screenshots/courses-member-study-panel-phone.png` });
  await drill.context().close();

  await myStudyLoadsAtOnce(h);
}

/**
 * "My study" on a phone's first load waits for one round of requests, not a chain: its data, its chunk and
 * its chart's modules are all asked for while the session check (/api/me) is still unanswered, and the
 * shell's styles come inside the page (no stylesheet of its own to wait for).
 */
async function myStudyLoadsAtOnce(h) {
  const page = await h.newPage({ phone: true });
  await h.login(page, "member");
  let release;
  const answered = new Promise((resolve) => {
    release = resolve;
  });
  await page.route("**/api/me", async (route) => {
    await answered;
    await route.continue();
  });
  const requested = [];
  page.on("request", (r) => requested.push(`${r.resourceType()} ${new URL(r.url()).pathname}`));
  const meAsked = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/me");
  await page.goto("/study", { waitUntil: "commit" });
  await meAsked;
  const wanted = [
    /^fetch \/api\/study\/mine$/,
    /^script \/assets\/MyStudyPage-/,
    /^script \/assets\/Chart-/,
    /^script \/assets\/DataTable-/,
  ];
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && !wanted.every((w) => requested.some((r) => w.test(r)))) await page.waitForTimeout(50);
  const missing = wanted.filter((w) => !requested.some((r) => w.test(r)));
  release();
  h.expect.deepEqual(missing, [], `asked for before /api/me answered: ${requested.join(", ")}`);
  await page.getByTestId("study-hours").waitFor();
  const stylesheets = requested.filter((r) => r.startsWith("stylesheet "));
  h.expect.deepEqual(stylesheets, [], "the shell's styles are inlined, a chart brings none");
  await page.context().close();
}
