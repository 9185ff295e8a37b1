// Member development end to end on a 360 px phone: the secretary of 红星村党支部 (dy003; a branch whose member
// count no other demo counts on) registers an application and records
// every step to the branch vote (one refusal on the way says why), the committee pre-reviews and
// approves, the new 预备党员's growth archive tells the story, and the 全程记实表 prints black on white.

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
  await record(sec, "training", ago(370), (f) => f.getByLabel("学时").fill("24"));
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
  await admin.context().close();

  // 3. The growth archive tells the story.
  await sec.reload();
  await sec.locator("main .page").getByRole("link", { name: "成长档案" }).click();
  await sec.waitForURL(/\/archive\/[a-z2-7]+$/);
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
