// The follow-up of a 不合格 grade on a 360 px phone: the member concerned (dy020, graded 不合格 last year
// in the demo) finds their follow-up on the home page and reads it without any form; the secretary of
// 幸福社区党支部 finds it overdue in the list, is told why a vote that did not pass cannot stand, and
// records the branch meeting's 劝其退党; the committee approves it through the app's own dialog, and the
// member sees the approval in their record and their growth archive; the committee saves its own
// follow-up time limits over the platform's default.
import { noSidewaysScroll } from "./overflow.mjs";

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function fillStep(form, { actor, decision, evidence }) {
  await form.getByLabel("办理日期").fill(today());
  await form.getByLabel("办理人或会议").fill(actor);
  await form.getByLabel("内容或决定").fill(decision);
  await form.getByLabel("依据和材料").fill(evidence);
}

export default async function followups(h) {
  // 1. The member concerned: from the home to-do list to their own follow-up, read only.
  const member = await h.newPage({ phone: true });
  await h.login(member, "dy020");
  await member.getByRole("link", { name: /查看对我的帮扶记录/ }).click();
  await member.waitForURL(/\/evaluations\/followups\//);
  const followupUrl = new URL(member.url()).pathname;
  await member.getByRole("heading", { name: /不合格党员帮扶处置/ }).waitFor();
  await member.getByText("仅您本人、支部和上级党委可见").waitFor();
  await member.getByText("按时参加组织生活、交纳党费").waitFor();
  h.expect.equal(await member.locator("form").count(), 0, "the member's view has no form");
  await noSidewaysScroll(h, member, "the member's follow-up");
  await h.shot(member, "followups-member-phone");

  // 2. The secretary: the list shows it overdue; a vote that did not pass is refused with its reason.
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "secretary");
  await h.nav(sec, "帮扶处置");
  await sec.getByRole("heading", { name: "帮扶处置台账" }).waitFor();
  const row = sec.locator(`a[href="${followupUrl}"]`);
  await row.waitFor();
  await sec.locator(".tag", { hasText: "已逾期" }).first().waitFor();
  await noSidewaysScroll(h, sec, "the follow-up list");
  await h.shot(sec, "followups-list-phone");
  await row.click();
  await sec.waitForURL(followupUrl);
  const form = sec.locator("form.step-form");
  await form.getByLabel("步骤").selectOption("persuade");
  await fillStep(form, { actor: "支部党员大会", decision: "劝其退党", evidence: "支部党员大会会议记录" });
  await form.getByLabel("应到会有表决权党员").fill("12");
  await form.getByLabel("赞成").fill("5");
  await form.getByLabel("反对").fill("7");
  await form.getByRole("button", { name: "保存" }).click();
  await sec.getByRole("alert").getByText("支部大会赞成 5 票，未超过应到会有表决权党员的半数（至少 7 票）").waitFor();
  await h.shot(sec, "followups-refused-phone");
  await form.getByLabel("赞成").fill("10");
  await form.getByLabel("反对").fill("2");
  await form.getByRole("button", { name: "保存" }).click();
  await sec.getByText(/下一步: ?上级党委审批/).waitFor();
  await sec.getByText("其他步骤为什么还不能办理").click();
  await sec.getByText("“劝其退党（支部大会决定）”正待上级党委审批").first().waitFor();
  await noSidewaysScroll(h, sec, "the follow-up page");
  await h.shot(sec, "followups-recorded-phone");

  // 3. The committee: from its home to the pending decision, approved through the app's dialog.
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.getByRole("link", { name: "1 项帮扶处置决定待上级党委审批" }).click();
  await admin.waitForURL(/\/evaluations\/followups$/);
  await admin.locator(`a[href="${followupUrl}"]`).click();
  await admin.waitForURL(followupUrl);
  await admin.getByRole("heading", { name: /待上级党委审批：劝其退党/ }).waitFor();
  const approval = admin.locator("section.card form");
  await approval.getByLabel("上级党委审批").selectOption("yes");
  await fillStep(approval, { actor: "示范市委组织部", decision: "同意劝其退党", evidence: "市委批复" });
  await approval.getByRole("button", { name: "保存" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByText(/批准“劝其退党（支部大会决定）”？/).waitFor();
  await h.shot(admin, "followups-confirm-phone");
  await dialog.getByRole("button", { name: "批准" }).click();
  await admin.getByText(/下一步: ?本人退党/).waitFor();
  await noSidewaysScroll(h, admin, "the approved follow-up");
  await h.shot(admin, "followups-approved-phone");

  // 4. The member sees the approval in their record and in their growth archive.
  await member.reload();
  await member.getByText("审批“劝其退党（支部大会决定）”：批准").waitFor();
  await member.goto("/archive");
  await member.getByText("上级党委审批：批准").waitFor();
  await noSidewaysScroll(h, member, "the member's archive");
  await h.shot(member, "followups-archive-phone");

  // 5. The committee's time limits: the platform's default, said to be one, and a new version saved.
  await admin.goto("/evaluations/followups");
  await admin.getByText("处置时限 · 平台默认").click();
  await admin.getByText(/平台默认值，并非党内法规规定/).waitFor();
  const rules = admin.locator("details.card-details form");
  await rules.getByLabel("启动后几天内制定帮扶计划").fill("20");
  await rules.getByLabel("依据").fill("市委组织部通知");
  await rules.getByLabel("修改说明").fill("从快帮扶");
  await rules.getByRole("button", { name: "保存为新版本" }).click();
  await admin.getByText("已保存新版本，此后启动的处置按新版本计算").waitFor();
  await admin.getByText("处置时限 · 第 1 版").waitFor();
  await noSidewaysScroll(h, admin, "the follow-up time limits");
  await h.shot(admin, "followups-rules-phone");
  for (const p of [member, sec, admin]) await p.context().close();
}
