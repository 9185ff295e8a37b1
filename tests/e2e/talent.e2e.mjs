// People for the future on a phone: the secretary nominates a reserve, the committee admits them against
// the standard and gives them a practice post, the host evaluates a post at its end; the member applies
// to a published post and records work, the committee accepts with a reason, the member's own archive
// shows the posts but not the pool; the branch rotates an advisor term by hand, and another by its schedule.

async function noSideways(h, page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `${name} overflows by ${overflow}px`);
}

/**
 * Coverage pages by key: asked for 2 branches a page instead of 20 (the demo has 3), the pager reads the
 * rest, each branch once; the count of those meeting the targets is the subtree's.
 */
async function pagedCoverage(h, page, name) {
  await page.route(/\/talent\/coverage\?/, (route) =>
    route.continue({ url: route.request().url().replace("limit=20", "limit=2") }),
  );
  await page.goto("/talent");
  await page.getByText(/\/ 3 个支部达到目标/).waitFor();
  const cards = page.locator("#coverage > li");
  const more = page.getByTestId("coverage").getByRole("button", { name: "加载更多" });
  await more.waitFor();
  h.expect.equal(await cards.count(), 2);
  await noSideways(h, page, "the paged coverage");
  await h.shot(page, `talent-coverage-paged-${name}`);
  await more.click();
  await cards.nth(2).waitFor();
  h.expect.equal(await more.count(), 0);
  const shown = await cards.locator("strong").allTextContents();
  h.expect.deepEqual([...shown].sort(), ["新材料科技有限公司党支部", "幸福社区党支部", "红星村党支部"].sort());
  await page.unroute(/\/talent\/coverage\?/);
}

export default async function talent(h) {
  const NOMINEE = "李建国 · 幸福社区党支部";

  // 1. The community's secretary puts a name forward.
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "secretary");
  await sec.goto("/talent");
  await sec.locator("#nominee option", { hasText: "李建国" }).first().waitFor({ state: "attached" });
  await sec.locator("#nominee").selectOption({ label: NOMINEE });
  await sec.locator("#nominate-reason").fill("服务群众积极，群众口碑好");
  await sec.getByRole("button", { name: "提交推荐" }).click();
  await sec.getByText("已记录推荐").waitFor();
  await noSideways(h, sec, "the pool page");
  await h.shot(sec, "talent-nominate-phone");

  // 2. The committee sees the coverage gaps and admits the nominee against the standard.
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.goto("/talent");
  await admin.locator("#coverage").getByText("红星村党支部").waitFor();
  await pagedCoverage(h, admin, "phone");
  await admin.locator("#rules summary").click();
  await admin.locator("#rules").getByText("带领群众共同致富能力强").waitFor();
  await noSideways(h, admin, "the pool page with its rules");
  await h.shot(admin, "talent-rules-phone");
  // A new version of the standard with its lines unchanged keeps the records each line names (below).
  await admin.locator("#rules-source").fill("村级后备力量培养办法（2026 年修订）");
  await admin.getByRole("button", { name: /保存为新版本/ }).click();
  await admin.locator("#rules").getByText("已保存").waitFor();
  await admin.locator("#pool-status").selectOption("nominated");
  await admin.getByRole("link", { name: "李建国" }).click();
  await admin.getByRole("heading", { name: "入库评定" }).waitFor();
  // The records, read from the features that keep them, beside the checklist.
  await admin.locator("#evidence").getByText("民主评议").waitFor();
  h.expect.ok((await admin.locator("fieldset .evidence").count()) >= 4, "records shown beside the criteria");
  const criteria = admin.locator("fieldset", { has: admin.getByText("符合") });
  const n = await criteria.count();
  h.expect.equal(n, 4, "one fieldset per criterion of 双好双强");
  for (let i = 0; i < n; i++) {
    await criteria.nth(i).getByRole("checkbox").check();
    await criteria.nth(i).getByRole("textbox").fill("民主评议优秀，服务记录已确认");
  }
  await admin.locator("#assess-reason").fill("党委研究同意入库");
  await noSideways(h, admin, "the entry page");
  await h.shot(admin, "talent-assess-phone");
  await admin.getByRole("button", { name: "决定" }).click();
  await admin.locator(".tag", { hasText: "在库" }).waitFor();
  await admin.locator("#steps").getByText("入库").first().waitFor();
  await h.shot(admin, "talent-admitted-phone");

  // 3. A practice post, then the host's assessment at its end.
  await admin.goto("/talent/terms");
  await admin.locator("#term-member option", { hasText: "李建国" }).first().waitFor({ state: "attached" });
  await admin.locator("#term-member").selectOption({ label: NOMINEE });
  await admin.locator("#term-title").fill("驻村工作队队员");
  await admin.locator("#term-place").selectOption("village");
  await admin.locator("#term-host").fill("红星村委会");
  await admin.locator("#term-duties").fill("协助发展村集体经济");
  await admin.locator("#term-ends").fill("2027-06-30");
  await admin.getByRole("button", { name: "安排" }).click();
  await admin.getByText("已安排").waitFor();
  await admin.locator("#terms li", { hasText: "协助发展村集体经济" }).waitFor();
  // The host evaluates a post that has run its term (seeded: ended yesterday, two work entries).
  const card = admin.locator("#terms li", { hasText: "产业园区党建指导员" });
  await card.locator("textarea").fill("按期完成园区指导任务");
  await card.getByRole("button", { name: "期满考核" }).click();
  await admin.locator("#terms li", { hasText: "按期完成园区指导任务" }).waitFor();
  await noSideways(h, admin, "the terms page");
  await h.shot(admin, "talent-terms-phone");

  // 4. The member applies to a published post and records work on the post they were given.
  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  await member.goto("/talent/practice");
  const open = member.locator("#open-posts li", { hasText: "乡村振兴驻村工作队队员" });
  await open.locator("textarea").fill("熟悉村情，想在驻村一线锻炼");
  await open.getByRole("button", { name: "报名" }).click();
  await open.locator(".tag", { hasText: "待审核" }).waitFor();
  const mine = member.locator("#my-terms li", { hasText: "驻村工作队队员" }).first();
  await mine.locator("textarea").fill("入户走访5户，了解产业需求");
  await mine.getByRole("button", { name: "记录" }).click();
  await mine.getByText("入户走访5户，了解产业需求", { exact: false }).waitFor();
  await noSideways(h, member, "the member's practice page");
  await h.shot(member, "talent-apply-phone");

  // 5. The committee accepts the application, with its reason.
  await admin.goto("/talent/posts");
  const post = admin.locator("#posts li", { hasText: "乡村振兴驻村工作队队员" });
  await post.locator("summary").click();
  await post.getByRole("button", { name: "接受", exact: true }).click();
  await admin.getByRole("dialog").getByRole("textbox").fill("熟悉村情，党委研究同意");
  await admin.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await post.getByText("熟悉村情，党委研究同意", { exact: false }).waitFor();
  await noSideways(h, admin, "the posts page");
  await h.shot(admin, "talent-posts-phone");
  await admin.context().close();

  // 6. The member sees the decision; their own archive shows the posts, and nothing of the pool.
  await member.goto("/talent/practice");
  await member
    .locator("#open-posts li", { hasText: "乡村振兴驻村工作队队员" })
    .locator(".tag", { hasText: "已接受" })
    .waitFor();
  await member.goto("/archive");
  await member.locator("li", { hasText: "乡村振兴驻村工作队队员" }).first().waitFor();
  h.expect.equal(await member.getByText("进入后备人才库").count(), 0, "the pool is held by the organisation");
  await h.shot(member, "talent-archive-phone");
  await member.context().close();

  // 7. The branch rotates an advisor term to a member without a post.
  await sec.goto("/talent/terms");
  await sec.locator("#term-kind").selectOption("advisor");
  await sec.locator("#term-member option", { hasText: "李建国" }).first().waitFor({ state: "attached" });
  await sec.locator("#term-member").selectOption({ label: NOMINEE });
  await sec.locator("#term-host").fill("幸福社区党支部委员会");
  await sec.locator("#term-duties").fill("列席支委会，牵头楼栋议事");
  await sec.locator("#term-ends").fill("2027-03-31");
  await sec.getByRole("button", { name: "安排" }).click();
  await sec.getByText("已安排").waitFor();
  await sec.locator("#terms li", { hasText: "列席支委会，牵头楼栋议事" }).first().waitFor();
  await noSideways(h, sec, "the terms page (secretary)");
  await h.shot(sec, "talent-advisor-phone");

  // 8. The secretary hands the masses one-time links; someone without an account nominates through one.
  await sec.goto("/talent");
  await sec.locator("#links-count").fill("2");
  await sec.getByRole("button", { name: "生成链接" }).click();
  const first = await sec.locator("#nomination-links a").first().textContent();
  const token = (first ?? "").match(/\/nominate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(token, `a nomination link: ${first}`);
  await noSideways(h, sec, "the pool page with its links");
  await h.shot(sec, "talent-links-phone");
  const villager = await h.newPage({ phone: true });
  await villager.goto(`/nominate/${token}`);
  await villager.getByRole("heading", { name: "推荐后备力量人选" }).waitFor();
  await villager.locator("#nominee-name").fill("周海燕");
  await villager.locator("#nominee-standing").fill("返乡创业人员，茶叶合作社负责人");
  await villager.locator("#nominee-reason").fill("带动二十多户种茶增收");
  await noSideways(h, villager, "the public nomination page");
  await h.shot(villager, "talent-masses-nominate-phone");
  await villager.getByRole("button", { name: "提交推荐" }).click();
  await villager.getByText("推荐已收到").waitFor();
  await villager.reload();
  await villager.getByText("该推荐链接已使用过").waitFor();
  await villager.context().close();
  await sec.context().close();

  // 9. The committee finds the masses' nominee in the pool, with who they are and no account behind them.
  const committee = await h.newPage({ phone: true });
  await h.login(committee, "admin");
  await committee.goto("/talent");
  await committee.locator("#pool-status").selectOption("nominated");
  await committee.getByRole("link", { name: "周海燕" }).click();
  await committee.locator("#nominee").getByText("返乡创业人员").waitFor();
  await committee.locator("#steps").getByText("群众推荐").first().waitFor();
  await noSideways(h, committee, "the masses' nominee");
  await h.shot(committee, "talent-masses-nominee-phone");
  await committee.context().close();
  await advisorRotation(h);
}

/**
 * 10. A branch sets its rotation: the enterprise branch's secretary (dy001) sets a schedule on a phone,
 * the cron tick opens the term for the one member who never served (dy004, seeded), who is told and
 * sees the upcoming term on a phone.
 */
async function advisorRotation(h) {
  const day = (n) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "dy001");
  await sec.goto("/talent/advisors");
  const branch = sec.locator("#org-picker option", { hasText: "新材料科技有限公司党支部" });
  await branch.waitFor({ state: "attached" });
  await sec.locator("#org-picker").selectOption(await branch.getAttribute("value"));
  await sec.locator("#advisor-queue li").first().waitFor();
  h.expect.ok(
    (await sec.locator("#advisor-queue li").first().textContent()).includes("未曾担任"),
    "never served first",
  );
  await sec.locator("#advisor-starts").fill(day(3));
  await sec.locator("#advisor-seats").fill("1");
  await sec.locator("#advisor-duties").fill("列席支委会，牵头职工服务站建设");
  await sec.getByRole("button", { name: "保存为新版本" }).click();
  await sec.locator("#advisor-current", { hasText: "第 1 版" }).waitFor();
  await h.cron();
  await sec.reload();
  await sec.locator("#advisor-open li", { hasText: "待开始" }).waitFor();
  await noSideways(h, sec, "the branch's advisor page");
  await h.shot(sec, "talent-advisors-phone");
  await sec.context().close();

  const advisor = await h.newPage({ phone: true });
  await h.login(advisor, "dy004");
  await advisor.goto("/notifications");
  await advisor.getByText(`任期将于 ${day(3)} 开始`, { exact: false }).waitFor();
  await advisor.goto("/talent/advisor");
  const term = advisor.locator("#my-advisor-terms li", { hasText: "列席支委会，牵头职工服务站建设" });
  await term.locator(".tag", { hasText: "待开始" }).waitFor();
  await noSideways(h, advisor, "the advisor's term page");
  await h.shot(advisor, "talent-advisor-term-phone");
  await advisor.context().close();

  const desk = await h.newPage();
  await desk.setViewportSize({ width: 1366, height: 860 });
  await h.login(desk, "admin");
  await pagedCoverage(h, desk, "desktop");
  await desk.context().close();
}
