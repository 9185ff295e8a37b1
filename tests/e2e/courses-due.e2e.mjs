// A course assigned with a due date close at hand: the next cron tick tells the members who have not
// finished it; the demo member sees it behind the bell on a phone and the notice opens the course.
const COURSE = "基层社会治理实务"; // seeded; the demo member has not started it

export default async function coursesDue(h) {
  const admin = await h.newPage({ phone: false });
  await h.login(admin, "admin");
  await h.nav(admin, "课程分配");
  await admin.getByLabel("计划名称").fill("端到端：近期截止");
  await admin.getByLabel(COURSE).check();
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  await admin.getByLabel("截止日期").fill(tomorrow);
  await admin.getByRole("button", { name: "分配", exact: true }).click();
  await admin.getByRole("status").filter({ hasText: "已分配" }).waitFor();
  await admin.context().close();

  await h.cron();

  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  // The bell counts the unread notice.
  const bell = member.getByRole("link", { name: /^通知 \([1-9]\d*\)$/ });
  await bell.waitFor();
  await bell.click();
  await member.waitForURL(/\/notifications$/);
  const [y, m, d] = tomorrow.split("-").map(Number);
  const notice = member
    .getByRole("link", { name: new RegExp(`课程学习：《${COURSE}》将于 ${y}年${m}月${d}日`) })
    .first();
  await notice.waitFor();
  await h.shot(member, "courses-due-notice-phone");
  await notice.click();
  await member.waitForURL(/\/courses\/[a-z0-9]+$/);
  await member.getByRole("heading", { level: 1, name: COURSE }).waitFor();
  await member.context().close();
}
