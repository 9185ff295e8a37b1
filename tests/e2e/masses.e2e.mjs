// Serving the masses end to end: a secretary prints a QR sheet, a person without an account rates on a
// phone, the committee stores the branch's index (standing in for a closing cycle), the member reads
// their index and its explanation, then prints their growth archive.
import { AxeBuilder } from "@axe-core/playwright";
import { noSidewaysScroll } from "./overflow.mjs";

/** No serious or critical accessibility violations. */
async function accessible(h, page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  h.expect.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility of ${name}`,
  );
}

export default async function masses(h) {
  // 1. The secretary creates a round and prints the sheet of QR codes.
  const sec = await h.newPage({ phone: false });
  await h.login(sec, "secretary");
  await sec.goto("/masses");
  await sec.getByLabel("标题", { exact: true }).fill("端到端民评");
  await sec.getByLabel("每个对象的二维码数量").fill("2");
  await sec.getByRole("button", { name: "生成评议码" }).click();
  await sec.getByRole("heading", { name: "评议二维码" }).waitFor();
  const card = sec.locator(".qr-card", { hasText: "李建国" }).first();
  h.expect.equal(await card.locator("svg").count(), 1, "a QR code per token");
  const link = await card.locator(".qr-link").textContent();
  const token = (link ?? "").match(/\/rate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(token, `a rating link on the card: ${link}`);
  await sec.emulateMedia({ media: "print" });
  h.expect.equal(await sec.getByRole("button", { name: "打印二维码" }).isVisible(), false, "buttons hidden in print");
  await h.shot(sec, "masses-qr-sheet-print");
  await sec.emulateMedia({ media: "screen" });

  // 2. Someone with no account opens the link on a phone and rates.
  const phone = await h.newPage({ phone: true });
  await phone.goto(`/rate/${token}`);
  await phone.locator(".ratee", { hasText: "李建国" }).waitFor();
  const items = phone.locator("fieldset");
  const n = await items.count();
  h.expect.ok(n >= 3, "the round's items are shown");
  for (let i = 0; i < n; i++) await items.nth(i).getByRole("radio", { name: "满意", exact: true }).check();
  await phone.getByLabel("意见或建议（可选）").fill("服务很周到");
  await noSidewaysScroll(h, phone, "the rating page");
  await h.shot(phone, "masses-rate-phone");
  await accessible(h, phone, "the public rating page");
  await phone.getByRole("button", { name: "提交评价" }).click();
  await phone.getByText("感谢您的评价").waitFor();
  await phone.reload();
  await phone.getByText("此评议链接已使用过").waitFor();
  await h.shot(phone, "masses-rate-used");
  // A card nobody has used yet, on the same printed sheet.
  const spare = await sec.locator(".qr-card", { hasText: "李建国" }).nth(1).locator(".qr-link").textContent();
  const lost = (spare ?? "").match(/\/rate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(lost && lost !== token, "a second card for the same member");
  await phone.goto(`/rate/${"a".repeat(32)}`);
  await phone.getByText("此评议链接无效").waitFor();
  await phone.context().close();

  // The secretary's round page says in plain words why nothing shows yet: the round is still open.
  for (const page of [sec, await h.newPage({ phone: true })]) {
    if (page !== sec) await h.login(page, "secretary");
    await page.goto("/masses");
    if (page !== sec) await noSidewaysScroll(h, page, "the rounds page");
    await page.getByRole("link", { name: "端到端民评" }).first().click();
    await page.getByText("至少 5 位群众评价后才显示结果，以保护评价人", { exact: false }).waitFor();
    h.expect.ok((await page.getByText("本轮结束后显示").count()) > 0, "results wait for the round to end");
    if (page !== sec) await noSidewaysScroll(h, page, "the round page");
    await h.shot(page, page === sec ? "masses-round-open" : "masses-round-open-phone");
    await accessible(h, page, "the round page");
  }

  // The sheet is lost: the secretary, on a phone, reprints the unused codes; the page says the old
  // ones stop working, and they do; the rating already given still counts.
  const reprinter = await h.newPage({ phone: true });
  await h.login(reprinter, "secretary");
  await reprinter.goto("/masses");
  await reprinter.getByRole("link", { name: "端到端民评" }).first().click();
  await reprinter.getByRole("button", { name: "为未使用的评议码重新打印" }).click();
  await reprinter
    .getByRole("dialog")
    .getByText(/原来打印的所有未使用评议码都将失效/)
    .waitFor();
  await reprinter.getByRole("dialog").getByRole("button", { name: "为未使用的评议码重新打印" }).click();
  await reprinter.getByRole("heading", { name: "评议二维码" }).waitFor();
  await reprinter.getByText("原来打印的未使用评议码已失效").waitFor();
  const fresh = await reprinter.locator(".qr-card", { hasText: "李建国" }).first().locator(".qr-link").textContent();
  const reissued = (fresh ?? "").match(/\/rate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(reissued && reissued !== lost && reissued !== token, "a new code in place of the lost one");
  h.expect.equal(await reprinter.locator(".qr-card", { hasText: "李建国" }).count(), 1, "only the unused card again");
  await noSidewaysScroll(h, reprinter, "the reprinted sheet");
  await h.shot(reprinter, "masses-reprint-phone");
  await reprinter.getByRole("button", { name: "完成" }).click();
  await reprinter.getByRole("row", { name: /李建国/ }).waitFor();
  const counts = await h.d1
    .prepare(
      `SELECT count(*) AS issued, sum(t.used) AS used FROM rating_tokens t
         JOIN rating_rounds r ON r.id = t.round_id JOIN users u ON u.id = t.ratee_id
        WHERE r.title = '端到端民评' AND u.display_name = '李建国'`,
    )
    .first();
  h.expect.deepEqual({ ...counts }, { issued: 2, used: 1 }, "counts unchanged by the reprint");
  await reprinter.context().close();
  const holder = await h.newPage({ phone: true });
  await holder.goto(`/rate/${lost}`);
  await holder.getByText("此评议链接无效").waitFor();
  await holder.goto(`/rate/${reissued}`);
  await holder.locator(".ratee", { hasText: "李建国" }).waitFor();
  await holder.context().close();

  // 3. The committee stores the branch's index for this year (what the cycle queue does on close).
  const admin = await h.newPage({ phone: false });
  await h.login(admin, "admin");
  await admin.goto("/vanguard-overview");
  await admin.getByLabel("组织", { exact: true }).selectOption({ label: "幸福社区党支部" });
  await admin.getByRole("button", { name: "计算并定档" }).click();
  await admin.getByText("已定档").waitFor();
  await h.shot(admin, "masses-index-branch");
  await admin.context().close();

  // 4. The member reads their index and where every point comes from.
  const mem = await h.newPage({ phone: true });
  await h.login(mem, "member");
  await mem.goto("/vanguard");
  await mem.getByRole("heading", { name: "指数由来" }).waitFor();
  const why = mem.locator(".explanation").first();
  await why
    .getByRole("cell", { name: /群众评价/ })
    .first()
    .waitFor();
  h.expect.ok((await why.getByText("缺少数据").count()) > 0, "missing data is shown as missing");
  const total = await why.locator(".total").textContent();
  h.expect.match(total ?? "", /\d/, "the explanation ends in the score");
  await mem.locator(".stored-score summary").first().click();
  await h.shot(mem, "masses-index-member");
  await accessible(h, mem, "my vanguard index");

  // 5. … and prints their growth archive.
  await mem.goto("/archive");
  await mem.locator(".timeline li").first().waitFor();
  await accessible(h, mem, "the growth archive");
  await mem.evaluate(() => {
    window.print = () => {};
  });
  await mem.getByRole("button", { name: "打印档案" }).click();
  await mem.getByText("打印时间").waitFor({ state: "attached" });
  await mem.emulateMedia({ media: "print" });
  h.expect.equal(await mem.locator(".nav").isVisible(), false, "navigation hidden in print");
  h.expect.ok(await mem.getByText("打印时间").isVisible(), "print header shown");
  await h.shot(mem, "masses-archive-print");
  await mem.context().close();
}
