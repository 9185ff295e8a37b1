// 堡垒指数 end to end on a 360 px phone: the committee admin computes this year's index (through the queue),
// sees its branches by band with the lagging one first (a discipline case recorded by hand), opens the
// community branch's explanation (its sector work not assessed: missing, not 0) and records that assessment.

async function noSideways(h, page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `${name} overflows sideways by ${overflow}px`);
}

export default async function bastion(h) {
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await h.nav(admin, "堡垒指数");
  await admin.getByRole("heading", { name: "堡垒指数", level: 1 }).waitFor();
  await admin.getByText("还没有计算过堡垒指数。").waitFor();
  await admin.getByRole("button", { name: "现在计算" }).click();
  await admin.getByText(/已排队计算 \d+ 个支部/).waitFor();
  // The queue consumer scores one branch per message; the page shows the period once they are stored.
  for (let i = 0; i < 30 && !(await admin.locator("#bastion-period").isVisible()); i++) {
    await admin.waitForTimeout(500);
    await admin.reload();
    await admin.getByRole("heading", { name: "堡垒指数", level: 1 }).waitFor();
  }
  await admin.locator("#bastion-period").waitFor();
  // Lagging first: the branch to act on, with why.
  h.expect.equal(await admin.getByRole("button", { name: /软弱涣散/ }).getAttribute("aria-pressed"), "true");
  const lagging = admin.locator(".bastion-list li", { hasText: "新材料科技有限公司党支部" });
  await lagging.getByText("原因：严重违纪违法问题").waitFor();
  // No ranks: nothing on the page numbers the branches.
  h.expect.equal(await admin.locator(".bastion-list ol, .rank").count(), 0);
  await noSideways(h, admin, "the overview");
  await h.shot(admin, "bastion-overview-phone");

  // The community branch, in whichever band it sits.
  const community = admin.getByRole("link", { name: "幸福社区党支部" });
  for (const band of await admin.locator("fieldset.bands button").all()) {
    if (await community.isVisible()) break;
    await band.click();
    await admin.waitForTimeout(300);
  }
  await community.click();
  await admin.waitForURL(/\/bastion\/branch\//);
  await admin.getByRole("heading", { name: "幸福社区党支部" }).waitFor();
  await admin.getByText("城市社区 · 模型第 1 版").waitFor();
  const row = admin.locator("tr", { hasText: "网格化服务治理" });
  await row.getByText("上级尚未评定").waitFor();
  await row.getByText("行业指标").waitFor();
  await admin
    .locator("tr", { hasText: "党建责任落实" })
    .getByText(/党建责任制落实较好/)
    .first()
    .waitFor({ state: "attached" });
  await noSideways(h, admin, "the explanation");
  await h.shot(admin, "bastion-explanation-phone");

  // The committee records the sector work, with its evidence; the index is computed again at once.
  await admin.getByLabel("评定项目").selectOption({ label: "网格化服务治理" });
  await admin.getByLabel(/分数（最高 20）/).fill("16");
  await admin.getByLabel("评定理由").fill("网格员全覆盖，居民诉求按期办结");
  await admin.getByLabel("依据材料").fill("街道网格化考核通报〔2026〕8号");
  await admin.getByRole("button", { name: "记录评定" }).click();
  await admin.getByText("已记录，并已重新计算。").waitFor();
  await row.getByText("16 / 20").waitFor();
  await admin.locator(".cards li", { hasText: "街道网格化考核通报〔2026〕8号" }).waitFor();
  await noSideways(h, admin, "the branch after recording");
  await h.shot(admin, "bastion-recorded-phone");

  const desk = await h.newPage();
  await h.login(desk, "admin");
  await desk.goto("/bastion");
  await desk.locator("#bastion-period").waitFor();
  await h.shot(desk, "bastion-overview-desktop");
}
