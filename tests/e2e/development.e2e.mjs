// Member development end to end on a 360 px phone: the secretary of 红星村党支部 (dy003; a branch whose member
// count no other demo counts on) registers an application and records
// every step to the branch vote (one refusal on the way says why; the training is counted from the
// 发展对象培训班 the candidate studies on their own phone), the committee pre-reviews and approves and reads
// the year's plan report, the new 预备党员's growth archive opens with the story, and the 全程记实表 prints.

const DAY = 86_400_000;
const ago = (days) => new Date(Date.now() + 8 * 3_600_000 - days * DAY).toISOString().slice(0, 10);

async function noSideways(h, page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `${name} overflows sideways by ${overflow}px`);
}

/** Records one step through the page's form and waits for it in the list of steps taken. */
async function record(page, step, takenOn, fill = async () => {}, actor = "红星村党支部委员会") {
  const before = await page.locator(".dev-step").count();
  const form = page.locator("form.step-form");
  await form.getByLabel("下一步", { exact: true }).selectOption(step);
  await form.getByLabel("日期", { exact: true }).fill(takenOn);
  await form.getByLabel("经办人").fill(actor);
  await form.getByLabel("决定", { exact: true }).fill("同意");
  await fill(form);
  await form.getByRole("button", { name: "办理" }).click();
  await page.waitForFunction((n) => document.querySelectorAll(".dev-step").length > n, before);
}

export default async function development(h) {
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "dy003");
  await sec.goto("/development");
  await sec.getByRole("heading", { name: "发展党员登记册" }).waitFor();
  // The demo register: the branch's 预备党员, one of them extended.
  await sec.getByText("陈静").waitFor();
  await sec.getByText("刘洋").waitFor();
  await noSideways(h, sec, "the register");
  await h.shot(sec, "development-register-phone");

  // 1. An application received two years ago.
  await sec.getByText("登记入党申请").click();
  await sec.getByLabel("姓名", { exact: true }).fill("端到端申请人");
  await sec.getByLabel("申请日期").fill(ago(800));
  await sec.getByLabel("登录用户名").fill("e2e-applicant");
  await sec.getByLabel("初始密码").fill("applicant-pass-1");
  await sec.getByRole("button", { name: "保存" }).click();
  await sec.getByRole("link", { name: "端到端申请人" }).click();
  await sec.waitForURL(/\/development\/case\//);
  const caseUrl = new URL(sec.url()).pathname;
  // The branch's roster lists the applicant with the stage as a status (no role), linked to the record.
  await sec.goto("/roster");
  const row = sec.locator("tr", { hasText: "端到端申请人" });
  await row.getByText("入党申请人").waitFor();
  h.expect.equal(await row.getByRole("link", { name: "发展记录" }).getAttribute("href"), caseUrl);
  await noSideways(h, sec, "the roster");
  await h.shot(sec, "development-roster-phone");
  await sec.goto(caseUrl);

  await record(sec, "talk", ago(790));
  await record(sec, "activist", ago(780), (f) => f.locator('input[name="mentorIds"]').first().check());
  await record(sec, "assessment", ago(600));
  // Too early for a candidate, and the page says exactly why.
  const form = sec.locator("form.step-form");
  await form.getByLabel("下一步", { exact: true }).selectOption("candidate");
  await form.getByLabel("日期", { exact: true }).fill(ago(590));
  await form.getByLabel("经办人").fill("支部委员会");
  await form.getByLabel("决定", { exact: true }).fill("同意");
  await form.getByRole("button", { name: "办理" }).click();
  await sec
    .getByRole("alert")
    .getByText(/半年考察记录不足：已有 1 次，需要 2 次.*时间未到：最早/)
    .waitFor();
  await noSideways(h, sec, "the record with a refusal");
  await h.shot(sec, "development-refusal-phone");
  await record(sec, "assessment", ago(420));
  await record(sec, "candidate", ago(400), async (f) => {
    await f.locator('input[name="sponsorIds"]').nth(0).check();
    await f.locator('input[name="sponsorIds"]').nth(1).check();
  });
  await record(sec, "political_review", ago(380));
  // The training is counted from the 发展对象培训班 of 市委党校, never typed in: enrol, then try too soon.
  await sec.getByRole("heading", { name: "发展对象培训" }).waitFor();
  await sec.locator(".training-class").getByRole("button", { name: "参加培训班" }).click();
  await sec.locator(".training-class").getByText("已参加").waitFor();
  await form.getByLabel("下一步", { exact: true }).selectOption("training");
  await form.getByLabel("日期", { exact: true }).fill(ago(370));
  await form.getByLabel("经办人").fill("支部委员会");
  await form.getByLabel("决定", { exact: true }).fill("同意");
  await form.getByRole("button", { name: "办理" }).click();
  await sec.getByRole("alert").getByText("培训不足：已完成 0 学时、0 天，至少需要 24 学时或 3 天").waitFor();
  await noSideways(h, sec, "the record with its training");
  await h.shot(sec, "development-training-short-phone");

  // The candidate studies the class on their phone: their record lists its courses, which open for them.
  const person = await h.newPage({ phone: true });
  await h.login(person, "e2e-applicant", "applicant-pass-1");
  await person.goto(caseUrl);
  await person.getByRole("heading", { name: "发展对象培训" }).waitFor();
  const courseLinks = person.locator(".training-class a[href^='/courses/']");
  h.expect.equal(await courseLinks.count(), 3, "the class's three courses are listed");
  await noSideways(h, person, "the candidate's own record");
  await h.shot(person, "development-candidate-training-phone");
  const courseIds = await courseLinks.evaluateAll((as) => as.map((a) => a.getAttribute("href").split("/")[2]));
  await courseLinks.first().click();
  await person.waitForURL(/\/courses\/[a-z2-7]+$/);
  await person.getByRole("heading", { name: /发展对象培训：/ }).waitFor();
  await h.shot(person, "development-candidate-course-phone");
  // Each lesson read to the end (the server's open stamp moved back, as if read at length), each course
  // then completed on one of three days before the training is recorded.
  const api = (path, body) =>
    person.evaluate(
      async ([p, b]) => {
        const r = await fetch(
          p,
          b ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) } : {},
        );
        return r.json();
      },
      [path, body],
    );
  for (const [i, courseId] of courseIds.entries()) {
    const detail = await api(`/api/courses/${courseId}`);
    const lessonId = detail.lessons[0].id;
    await api(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 10 });
    await h.d1
      .prepare("UPDATE lesson_progress SET opened_at = opened_at - 3600000 WHERE lesson_id = ?")
      .bind(lessonId)
      .run();
    const done = await api(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 100 });
    h.expect.equal(done.completion?.status, "credited", "the course is completed and credited");
    await h.d1
      .prepare("UPDATE course_completions SET completed_at = ? WHERE id = ?")
      .bind(Date.parse(`${ago(376 - i)}T10:00:00+08:00`), done.completion.id)
      .run();
  }
  await person.goto(caseUrl);
  await person.locator(".training-class").getByText("已完成 24 学时，3 天").waitFor();
  await person.context().close();

  await sec.reload();
  await record(sec, "training", ago(370), (f) => f.getByLabel("培训班").selectOption({ index: 0 }));
  await sec
    .getByText(/培训班：.*发展对象培训班，完成 24 学时，3 天/)
    .first()
    .waitFor();
  // The pre-review is the committee's.
  await form.getByLabel("下一步", { exact: true }).selectOption("prereview");
  await form.getByRole("button", { name: "办理" }).click();
  await sec.getByRole("alert").getByText("此步骤须由上级党委办理").waitFor();

  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.goto(caseUrl);
  await record(admin, "prereview", ago(60), undefined, "示范市委组织部");

  await sec.reload();
  await record(sec, "notice", ago(50), async (f) => {
    await f.getByLabel("公示开始").fill(ago(50));
    await f.getByLabel("公示结束").fill(ago(44));
  });
  await record(sec, "branch_vote", ago(40), async (f) => {
    await f.getByLabel("应到会有表决权的正式党员").fill("12");
    await f.getByLabel("赞成").fill("11");
    await f.getByLabel("弃权").fill("1");
  });
  await sec.getByText("通过", { exact: true }).waitFor();
  await h.shot(sec, "development-voted-phone");

  // 2. The committee approves: a 预备党员.
  await admin.reload();
  await record(admin, "approval", ago(10), undefined, "示范市委");
  await admin.getByRole("heading", { name: /预备党员/ }).waitFor();
  await noSideways(h, admin, "the committee's record");
  await h.shot(admin, "development-approved-phone");
  // The committee's overdue list and its time rules with their sources.
  await admin.goto("/development");
  await admin.getByRole("heading", { name: "逾期未办事项" }).waitFor();
  // 郑浩's half-year assessment in 幸福社区 is overdue: the committee sees it, marked.
  await admin.locator("section:not(.page)", { hasText: "逾期未办事项" }).getByText("郑浩").waitFor();
  h.expect.ok((await admin.getByText("已逾期").count()) > 0, "an overdue step is marked");
  await admin.locator("summary", { hasText: "时间规则" }).click();
  await admin.getByText("《中国共产党发展党员工作细则》第七条").first().waitFor();
  await noSideways(h, admin, "the committee's register and rules");
  await h.shot(admin, "development-committee-phone");
  // The annual plan and the year's structure report: the new 预备党员 counts against the target.
  await admin.locator("summary", { hasText: "年度发展党员计划" }).click();
  const report = admin.locator(".plan-panel");
  await report.getByText("计划发展数（预备党员）: 6").waitFor();
  await report.getByRole("cell", { name: "新发展党员（预备党员）" }).waitFor();
  h.expect.ok((await report.getByRole("link", { name: "导出 CSV" }).getAttribute("href")).includes("/plans/"));
  await noSideways(h, admin, "the plan report");
  await report.screenshot({ path: "tests/e2e/screenshots/development-plan-phone.png" });
  await admin.context().close();
  const wide = await h.newPage({ phone: false });
  await wide.setViewportSize({ width: 1366, height: 900 });
  await h.login(wide, "admin");
  await wide.goto("/development");
  await wide.locator("summary", { hasText: "年度发展党员计划" }).click();
  await wide.locator(".plan-panel").getByRole("cell", { name: "新发展党员（预备党员）" }).waitFor();
  await h.shot(wide, "development-plan-desktop");
  await wide.context().close();

  // 3. The growth archive tells the story.
  await sec.reload();
  await sec.locator("main .page").getByRole("link", { name: "成长档案" }).click();
  await sec.waitForURL(/\/archive\/[a-z2-7]+$/);
  await sec.getByRole("heading", { name: "入党经历" }).waitFor();
  await sec.getByText("上级党委审批").first().waitFor();
  await sec.getByText("递交入党申请书").first().waitFor();
  await noSideways(h, sec, "the archive");
  await h.shot(sec, "development-archive-phone");

  // 4. The 全程记实表, on the phone and for print.
  await sec.goto(`${caseUrl}/sheet`);
  await sec.getByRole("heading", { name: "发展党员工作全程记实表" }).waitFor();
  const [y, m, d] = ago(40).split("-").map(Number);
  await sec.getByText(`${y}年${m}月${d}日`).first().waitFor();
  h.expect.ok((await sec.getByRole("cell", { name: "无", exact: true }).count()) > 0, "empty fields read 无");
  await noSideways(h, sec, "the sheet");
  await h.shot(sec, "development-sheet-phone");
  const print = await h.newPage({ phone: false });
  await h.login(print, "dy003");
  await print.goto(`${caseUrl}/sheet`);
  await print.getByRole("heading", { name: "发展党员工作全程记实表" }).waitFor();
  await print.emulateMedia({ media: "print" });
  h.expect.equal(await print.getByRole("button", { name: "打印" }).isVisible(), false, "no button on paper");
  const colors = await print.evaluate(() => {
    const cell = document.querySelector(".dev-sheet td");
    const style = cell ? getComputedStyle(cell) : null;
    return style ? [style.color, style.backgroundColor] : [];
  });
  h.expect.deepEqual(colors, ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], "black on white");
  await h.shot(print, "development-sheet-print");
  await print.pdf({ path: "tests/e2e/screenshots/development-sheet.pdf", format: "A4" });
  await print.context().close();
  await sec.context().close();
}
