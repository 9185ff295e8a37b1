// The study rules as data: the committee admin adds a new version of the annual quotas with its source,
// the member's study page shows the new quota; the branch secretary marks a member as a cadre in the
// roster (a checkbox, no rights) and the member is then held to the cadres' quota.
const quotaOf = async (page) => {
  const text = await page.getByTestId("study-hours").textContent();
  return Number((text ?? "").split("/")[1]?.replace(/[^\d.]/g, ""));
};

/** Neither the page nor any table inside it scrolls sideways. */
async function noSidewaysScroll(h, page, name) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
  }));
  h.expect.ok(overflow.page <= 1, `${name} overflows by ${overflow.page}px`);
  for (const t of overflow.tables) h.expect.ok(t <= 1, `${name}: a table scrolls sideways by ${t}px`);
}

export default async function coursesRules(h) {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  // 1. The committee admin, on a 1366-px desktop, adds this year's quotas with their source.
  const admin = await h.newPage({ phone: false });
  await admin.setViewportSize({ width: 1366, height: 860 });
  await h.login(admin, "admin");
  await h.nav(admin, "学习规则");
  const quotas = admin.locator('article[data-kind="quotas"]');
  await quotas.getByText(`${year} 年现行：第 2 版`).waitFor();
  await quotas.getByText(`示范市委${year}年党员教育培训工作要点`).first().waitFor();
  await quotas.getByText("新增版本").click();
  await quotas.getByLabel("党员（学时）").fill("40");
  await quotas.getByLabel("依据").fill("示范市委关于调整党员学习学时的通知");
  await quotas.getByLabel("说明").fill("端到端测试");
  await quotas.getByRole("button", { name: "保存新版本" }).click();
  await quotas.getByRole("status").filter({ hasText: "已保存新版本" }).waitFor();
  await quotas.getByText(`${year} 年现行：第 3 版`).waitFor();
  await quotas.getByRole("cell", { name: "示范市委关于调整党员学习学时的通知" }).waitFor();
  await noSidewaysScroll(h, admin, "study rules (desktop)");
  await h.shot(admin, "courses-rules-desktop");
  await admin.context().close();

  // The same page on a phone: versions as cards, nothing sideways.
  const phoneAdmin = await h.newPage({ phone: true });
  await h.login(phoneAdmin, "admin");
  await h.nav(phoneAdmin, "学习规则");
  await phoneAdmin.locator('article[data-kind="quotas"]').getByText(`${year} 年现行：第 3 版`).waitFor();
  await noSidewaysScroll(h, phoneAdmin, "study rules (phone)");
  await h.shot(phoneAdmin, "courses-rules-phone");
  await phoneAdmin.context().close();

  // 2. The member's study page shows the quota in force.
  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  await h.nav(member, "我的学习");
  await member.getByTestId("quota-kind").filter({ hasText: "按党员年度学时要求" }).waitFor();
  h.expect.equal(await quotaOf(member), 40);
  await h.shot(member, "courses-rules-my-study-phone");

  // 3. The secretary marks the member as a cadre in the roster.
  const secretary = await h.newPage({ phone: false });
  await secretary.setViewportSize({ width: 1366, height: 860 });
  await h.login(secretary, "secretary");
  await h.nav(secretary, "党员名册");
  await secretary.getByRole("button", { name: "李建国" }).click();
  const panel = secretary.getByRole("region", { name: "详情" });
  await panel.getByLabel(/干部/).check();
  await panel.getByRole("button", { name: "保存" }).click();
  await panel.getByRole("status").filter({ hasText: "已完成" }).waitFor();
  h.expect.ok(await panel.getByLabel(/干部/).isChecked(), "the cadre mark is saved");
  await h.shot(secretary, "courses-rules-roster-cadre-desktop");

  await member.reload();
  await member.getByTestId("quota-kind").filter({ hasText: "按干部年度网络学习学时要求" }).waitFor();
  h.expect.equal(await quotaOf(member), 50);
  await h.shot(member, "courses-rules-my-study-cadre-phone");
  await member.context().close();

  // The demo member is the other files' too: the secretary takes the mark off again.
  await panel.getByLabel(/干部/).uncheck();
  const [saved] = await Promise.all([
    secretary.waitForResponse((r) => r.url().includes("/api/users/") && r.request().method() === "PATCH"),
    panel.getByRole("button", { name: "保存" }).click(),
  ]);
  h.expect.equal(saved.status(), 200);
  await secretary.context().close();
}
