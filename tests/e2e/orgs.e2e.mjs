// The org panel's form for a new child offers only the kinds that may stand under the selected org (the
// Worker refuses the rest with wrong_parent_kind): a group under a branch, any other under a committee, and
// nothing under a group or a school. On a 360-px phone and a 1366-px desktop.
export default async function orgs(h) {
  for (const phone of [true, false]) {
    const page = await h.newPage({ phone });
    if (!phone) await page.setViewportSize({ width: 1366, height: 860 });
    await h.login(page, "admin");
    await page.goto("/orgs");
    const offered = async (name) => {
      await page.getByRole("button", { name, exact: true }).click();
      await page.getByRole("heading", { name, level: 2 }).waitFor();
      if (!(await page.locator("#org-kind").isVisible())) return [];
      return (await page.locator("#org-kind option").allTextContents()).map((k) => k.trim());
    };
    h.expect.deepEqual(await offered("示范市委"), ["党委/总支", "党支部", "党校"], "under a committee");
    h.expect.equal(await page.locator("#org-kind").inputValue(), "branch", "a committee's new child is a branch first");
    h.expect.deepEqual(await offered("幸福社区党支部"), ["党小组"], "under a branch");
    await h.shot(page, `orgs-new-child-${phone ? "phone" : "desktop"}`);
    h.expect.deepEqual(await offered("市委党校"), [], "a school holds no org");
    h.expect.equal(await page.locator("#org-name").count(), 0, "no new-child form under a school");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    h.expect.ok(overflow <= 1, `the org panel overflows by ${overflow}px`);
    await page.context().close();
  }
}
