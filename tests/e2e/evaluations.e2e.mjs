// A quarterly cycle opened by the cron trigger; two members submit self-analyses; the secretary
// returns one and accepts the other; peers appraise while the secretary sees only how many have; once
// the ballot closes the secretary decides (never their own grade), over the quota only after the
// committee admin approves the branch's request.
import { noSidewaysScroll } from "./overflow.mjs";

const CYCLE = "季度党性分析与评议";
const LONG = "认真学习党的创新理论，结合岗位实际逐条对照检查，形成了较为系统的认识和体会。";

async function openCard(page) {
  // The tick only enqueues; the queue consumer opens the cycle a moment later.
  for (let i = 0; i < 40; i++) {
    await page.goto("/evaluations");
    await page.getByRole("heading", { name: /我的评议/ }).waitFor();
    const card = page.getByRole("article").filter({ hasText: CYCLE });
    if ((await card.count()) > 0) return card.first();
    await page.waitForTimeout(500);
  }
  throw new Error("the cron did not open the quarterly cycle");
}

async function writeAnalysis(h, username, phone) {
  const page = await h.newPage({ phone });
  await h.login(page, username);
  const card = await openCard(page);
  await card.getByRole("link", { name: "填写党性分析" }).click();
  if (phone) {
    // Submitting too early names the section and how much is missing.
    await page.getByLabel("理论学习", { exact: true }).fill("学习");
    await page.getByText(/已自动保存/).waitFor();
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByText(/“理论学习”还差 \d+ 字：现有 2 字，至少需要 \d+ 字/).waitFor();
    await page
      .getByRole("alert")
      .getByText(/处未达要求/)
      .waitFor();
    await noSidewaysScroll(h, page, "the self-analysis form");
    await h.shot(page, "evaluations-analysis-refused-phone");
  }
  for (const title of ["理论学习", "政治立场", "履职尽责", "服务群众", "存在问题"]) {
    await page.getByLabel(title, { exact: true }).fill(`${title}：${LONG}`);
  }
  await page.getByLabel("整改措施", { exact: true }).fill("1. 每月精读一篇重要文章\n2. 每季度走访五户群众");
  await page.getByText(/已自动保存/).waitFor();
  await page.getByRole("button", { name: "提交" }).click();
  await page.getByText("已提交，待审阅").waitFor();
  await h.shot(page, `evaluations-analysis-${username}`);
  return page;
}

async function appraise(h, page, phone) {
  const card = await openCard(page);
  await card.getByRole("link", { name: "评议", exact: true }).click();
  const self = page.getByRole("group", { name: "自我评价" });
  await self.getByText("合格", { exact: true }).click();
  await page.getByLabel("理由", { exact: true }).fill("按时参加组织生活，完成各项任务");
  await page.getByRole("button", { name: "保存自评" }).click();
  await page.getByRole("status").getByText("已保存").waitFor();
  await page.getByRole("button", { name: "未评的都设为合格" }).click();
  await page.getByRole("button", { name: "提交互评" }).click();
  // Saved: every grade is now on the server, so nothing is left to submit.
  await page.locator("button:disabled", { hasText: "提交互评" }).waitFor();
  h.expect.equal(await page.getByRole("alert").count(), 0);
  if (phone) {
    await noSidewaysScroll(h, page, "the appraisal sheet");
    await h.shot(page, "evaluations-peer-sheet-phone");
  }
}

export default async function (h) {
  await h.cron();

  const member = await writeAnalysis(h, "member", true);
  const other = await writeAnalysis(h, "dy002", false);

  const sec = await h.newPage();
  await h.login(sec, "secretary");
  const card = await openCard(sec);
  await card.getByRole("link", { name: "支部评议进度" }).click();
  await sec.getByRole("heading", { name: /支部评议进度/ }).waitFor();
  const cycleUrl = sec.url();

  await sec
    .getByRole("row", { name: /李建国/ })
    .getByRole("link", { name: "审阅" })
    .click();
  await sec.getByRole("button", { name: "退回修改" }).click();
  const giveBack = sec.getByRole("dialog");
  await giveBack.getByLabel("退回意见").fill("请结合社区工作写得更具体些");
  await giveBack.getByRole("button", { name: "确定" }).click();
  await sec.getByText("已退回修改").first().waitFor();
  h.expect.equal(await sec.getByRole("button", { name: "通过" }).count(), 0);

  await sec.goto(cycleUrl);
  await sec.getByRole("row", { name: /李明/ }).getByRole("link", { name: "审阅" }).click();
  await sec.getByRole("button", { name: "通过" }).click();
  await sec.getByRole("dialog").getByRole("button", { name: "通过" }).click();
  await sec.getByText("已通过").first().waitFor();
  await h.shot(sec, "evaluations-review");

  // The returned member sees the secretary's comment.
  await member.goto("/evaluations");
  await member.getByRole("article").filter({ hasText: CYCLE }).getByText("已退回修改").waitFor();

  await remindOnPhone(h);

  await appraise(h, member, true);
  await appraise(h, other, false);

  // While the ballot is open the secretary learns only how many have submitted: no tally, no decision.
  await sec.goto(cycleUrl);
  await sec.getByRole("heading", { name: "民主测评与支委会决定" }).waitFor();
  await sec
    .getByTestId("ballot-progress")
    .getByText(/^2\/15 人已提交互评/)
    .waitFor();
  await sec.getByTestId("ballot-sealed").waitFor();
  h.expect.equal(await sec.getByRole("button", { name: "保存决定" }).count(), 0);
  h.expect.equal(await sec.getByRole("group", { name: "李明 决定" }).count(), 0);
  await h.shot(sec, "evaluations-sealed");

  await closeBallot(h);
  await sec.reload();
  await sec
    .getByTestId("deciders")
    .getByText(/任何人不得决定本人的等次/)
    .waitFor();
  // The secretary's own grade is someone else's: the row says who, and cannot be changed here.
  const own = sec.getByRole("listitem").filter({ hasText: "孙丽华" });
  await own.getByText("本人的等次由他人决定：赵书记").waitFor();
  h.expect.ok(await own.getByRole("radio", { name: "优秀" }).isDisabled());
  await sec.getByRole("group", { name: "李明 决定" }).getByText("优秀", { exact: true }).click();
  await sec.getByLabel("李明 理由").fill("带头服务群众，表现突出");
  await sec.getByText("优秀 1 人（名额 5 人）", { exact: true }).waitFor();
  // Six 优秀 for a quota of five: the branch asks the higher committee, with a reason.
  for (const name of await otherMembers(h, 5)) {
    await sec
      .getByRole("group", { name: `${name} 决定` })
      .getByText("优秀", { exact: true })
      .click();
    await sec.getByLabel(`${name} 理由`).fill("防汛抢险表现突出");
  }
  await sec.getByText("优秀 6 人（名额 5 人）", { exact: true }).waitFor();
  await sec.getByLabel("申请理由").fill("社区防汛中六名党员表现突出，经支部委员会讨论");
  await sec.getByRole("button", { name: "提交超名额申请" }).click();
  await sec.getByRole("status").getByText("已提交，等待上级党委批准").waitFor();
  await sec.getByRole("button", { name: "保存决定" }).click();
  await sec
    .getByRole("alert")
    .getByText(/优秀名额为 5 人.*正待上级党委批准/)
    .waitFor();
  await h.shot(sec, "evaluations-decisions");

  await approveOnPhone(h, cycleUrl);
  await sec.getByRole("button", { name: "保存决定" }).click();
  await sec.getByRole("status").getByText("已保存").waitFor();
  const row = sec.getByRole("row", { name: /李明/ });
  await sec.reload();
  await row.getByText("优秀").waitFor();
  await sec
    .getByTestId("override")
    .getByText(/已批准/)
    .first()
    .waitFor();
  await h.shot(sec, "evaluations-decided");

  await extendOnPhone(h);
}

/** Time passes: the quarterly demo keeps every window open all quarter, so close the ballot by hand. */
async function closeBallot(h) {
  await h.d1
    .prepare(
      `UPDATE eval_cycles SET windows = json_set(windows, '$.appraisal.closesAt', ?1)
        WHERE name = ?2 AND branch_id = (SELECT id FROM orgs WHERE name = '幸福社区党支部')`,
    )
    .bind(Date.now() - 1000, CYCLE)
    .run();
}

/** Names of community members other than the secretary and 李明, for grading. */
async function otherMembers(h, n) {
  const { results } = await h.d1
    .prepare(
      `SELECT DISTINCT u.display_name AS name FROM users u JOIN memberships m ON m.user_id = u.id
         JOIN orgs o ON o.id = m.org_id
        WHERE o.name = '幸福社区党支部' AND m.role = 'member' AND u.display_name NOT IN ('孙丽华', '李明')
        ORDER BY u.display_name LIMIT ?1`,
    )
    .bind(n)
    .all();
  return results.map((r) => r.name);
}

// The committee admin, on a phone, reads the branch's request and its reason, and approves it.
async function approveOnPhone(h, cycleUrl) {
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.goto(cycleUrl);
  const request = admin.getByTestId("override");
  await request.getByText(/待上级党委批准/).waitFor();
  await request.getByText(/社区防汛中六名党员表现突出/).waitFor();
  await admin.getByLabel("批复意见（可选）").fill("同意");
  await admin.getByRole("button", { name: "批准", exact: true }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "批准", exact: true }).click();
  await admin.getByRole("status").getByText("已处理").waitFor();
  await request.getByText(/赵书记：已批准/).waitFor();
  await noSidewaysScroll(h, admin, "the decision sheet");
  await h.shot(admin, "evaluations-override-phone");
}

// A committee admin, on a phone, finds the branch's cycle from the schedules page and extends the
// self-analysis window; the dashboard shows the new closing time.
async function extendOnPhone(h) {
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.goto("/evaluations/schedules");
  // The quota in words, with the rule's default; the preview starts with a cycle still to come.
  await admin.getByLabel("优秀比例上限").selectOption({ label: "三分之一（默认）" });
  await admin.getByText("按规定，优秀一般不超过党员人数的三分之一").waitFor();
  await noSidewaysScroll(h, admin, "the schedules page");
  await h.shot(admin, "evaluations-schedules-phone");
  await admin.getByRole("link").filter({ hasText: "幸福社区党支部" }).filter({ hasText: CYCLE }).first().click();
  await admin.getByRole("heading", { name: /支部评议进度/ }).waitFor();
  await admin.getByLabel("阶段").selectOption({ label: "党性分析" });
  const input = admin.getByLabel("新的截止时间");
  const { value, shown } = await admin.evaluate(
    (v) => {
      const ms = new Date(v).getTime() + 86_400_000;
      const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      const fmt = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short" });
      return { value: local, shown: fmt.format(ms) };
    },
    await input.inputValue(),
  );
  await input.fill(value);
  await admin.getByRole("button", { name: "延长", exact: true }).click();
  await admin.getByRole("status").getByText("已延长").waitFor();
  await admin
    .getByTestId("current-window")
    .filter({ hasText: `至 ${shown}` })
    .waitFor();
  await admin
    .getByRole("listitem")
    .filter({ hasText: `党性分析截止：${shown}` })
    .waitFor();
  // Reopen the returned member's form from their row, for an hour.
  await admin.getByRole("button", { name: "重新开放 李建国" }).click();
  const until = await admin.evaluate(() => {
    const ms = Date.now() + 3_600_000;
    return new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  });
  await admin.getByLabel("开放至").fill(until);
  await admin.getByRole("button", { name: "重新开放", exact: true }).click();
  await admin.getByRole("status").getByText("已重新开放").waitFor();
  await admin
    .getByRole("row", { name: /李建国/ })
    .getByText(/已重新开放至/)
    .waitFor();
  h.expect.equal(await admin.getByRole("alert").count(), 0);
  await noSidewaysScroll(h, admin, "the cycle dashboard");
  await h.shot(admin, "evaluations-extend-phone");
}

// The secretary, on a phone, reminds whoever has not submitted a self-analysis: once a day; a second press
// says nothing new was sent. The reminded member finds the notice by searching.
async function remindOnPhone(h) {
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "secretary");
  const card = await openCard(sec);
  await card.getByRole("link", { name: "支部评议进度" }).click();
  await sec.getByRole("cell", { name: "李建国" }).first().waitFor();
  await sec.getByRole("button", { name: "提醒未提交党性分析的党员" }).click();
  await sec
    .getByRole("status")
    .getByText(/^已向 \d+ 位未提交的党员发出提醒$/)
    .waitFor();
  await sec.getByRole("button", { name: "提醒未提交党性分析的党员" }).click();
  await sec
    .getByRole("status")
    .getByText(/今天都已提醒过，本次没有发出新提醒/)
    .waitFor();
  await noSidewaysScroll(h, sec, "the cycle dashboard");
  await h.shot(sec, "evaluations-dashboard-phone");
  await sec.context().close();

  // A member who never started is reminded and finds the notice by searching.
  const other = await h.newPage({ phone: true });
  await h.login(other, "dy005");
  await other.goto("/notifications");
  await other.getByRole("link", { name: /支部提醒您提交党性分析/ }).waitFor();
  await other.getByLabel("搜索通知").fill("提醒您");
  await other.getByRole("button", { name: "搜索" }).click();
  await other.getByRole("link", { name: /支部提醒您提交党性分析/ }).waitFor();
  await other.getByLabel("搜索通知").fill("不存在的内容");
  await other.getByRole("button", { name: "搜索" }).click();
  await other.getByText("没有符合“不存在的内容”的通知").waitFor();
  await noSidewaysScroll(h, other, "the notifications page");
  await other.getByLabel("搜索通知").fill("");
  await other.getByRole("button", { name: "搜索" }).click();
  await other.getByRole("link", { name: /支部提醒您提交党性分析/ }).waitFor();
  await h.shot(other, "evaluations-notifications-phone");
  await other.context().close();
  // 李明's analysis was accepted: no reminder for him.
  const accepted = await h.newPage({ phone: true });
  await h.login(accepted, "dy002");
  await accepted.goto("/notifications");
  await accepted.getByRole("link").filter({ hasText: CYCLE }).first().waitFor();
  h.expect.equal(await accepted.getByRole("link", { name: /支部提醒您/ }).count(), 0, "a done member is not reminded");
  await accepted.context().close();
}
