// The committee admin, on a phone, raises the vanguard model's bonus cap, saves and sees the new version;
// then reorders and extends the members' rating template.
export default async function vanguardModel(h) {
  const page = await h.newPage({ phone: true });
  await h.login(page, "admin");
  await page.goto("/vanguard-model");
  const version = page.locator(".model-version");
  await version.waitFor();
  const before = Number((await version.textContent())?.match(/第 (\d+) 版/)?.[1] ?? 0);
  const cap = page.getByLabel("加分上限");
  await cap.fill("15");
  await page.getByRole("button", { name: "保存为新版本" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `已保存，第 ${before + 1} 版` })
    .waitFor();
  await version.filter({ hasText: `当前版本：第 ${before + 1} 版` }).waitFor();
  h.expect.equal(await cap.inputValue(), "15", "the saved bonus cap is shown");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `model page overflows by ${overflow}px`);
  await h.shot(page, "vanguard-model-phone");

  // A field error next to the field, nothing saved.
  await cap.fill("120");
  await page.getByRole("button", { name: "保存为新版本" }).click();
  await page.locator(".field-error", { hasText: "太长或太大" }).waitFor();
  await version.filter({ hasText: `第 ${before + 1} 版` }).waitFor();

  // The rating template for members: move the second item up, add one, save.
  await page.goto("/rating-templates");
  const first = page.getByLabel("简体中文").first();
  await first.waitFor();
  const second = await page.getByLabel("简体中文").nth(1).inputValue();
  await page.getByRole("button", { name: "上移第 2 项" }).click();
  h.expect.equal(await first.inputValue(), second, "moved up");
  await page.getByRole("button", { name: "添加项目" }).click();
  const n = await page.getByLabel("简体中文").count();
  await page
    .getByLabel("简体中文")
    .nth(n - 1)
    .fill("办事公道");
  await page
    .getByLabel("繁體中文")
    .nth(n - 1)
    .fill("辦事公道");
  await page
    .getByLabel("英文")
    .nth(n - 1)
    .fill("Fairness");
  await page.getByLabel("模板名称").fill("端到端模板");
  await page.getByRole("button", { name: "保存模板" }).click();
  await page.getByRole("status").filter({ hasText: "模板已保存" }).waitFor();
  await page.getByText("当前使用：端到端模板").waitFor();
  h.expect.equal(await first.inputValue(), second, "saved in the new order");
  await h.shot(page, "rating-template-phone");
}
