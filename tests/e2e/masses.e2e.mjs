// Serving the masses end to end: a secretary prints a QR sheet, a person without an account rates on a
// phone, the committee stores the branch's index (standing in for a closing cycle), the member reads
// their index and its explanation, then prints their growth archive.
import { AxeBuilder } from "@axe-core/playwright";

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
  await sec.getByLabel("每个对象的二维码数量").fill("1");
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
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  h.expect.ok(overflow <= 1, `rating page overflows by ${overflow}px`);
  await h.shot(phone, "masses-rate-phone");
  await accessible(h, phone, "the public rating page");
  await phone.getByRole("button", { name: "提交评价" }).click();
  await phone.getByText("感谢您的评价").waitFor();
  await phone.reload();
  await phone.getByText("此评议链接已使用过").waitFor();
  await h.shot(phone, "masses-rate-used");
  await phone.goto(`/rate/${"a".repeat(32)}`);
  await phone.getByText("此评议链接无效").waitFor();
  await phone.context().close();

  // The secretary's round page says in plain words why nothing shows yet: the round is still open.
  for (const page of [sec, await h.newPage({ phone: true })]) {
    if (page !== sec) await h.login(page, "secretary");
    await page.goto("/masses");
    await page.getByRole("link", { name: "端到端民评" }).first().click();
    await page.getByText("至少 5 位群众评价后才显示结果，以保护评价人", { exact: false }).waitFor();
    h.expect.ok((await page.getByText("本轮结束后显示").count()) > 0, "results wait for the round to end");
    await h.shot(page, page === sec ? "masses-round-open" : "masses-round-open-phone");
    await accessible(h, page, "the round page");
  }

  // 3. The committee stores the branch's index for this year (what the cycle queue does on close).
  const admin = await h.newPage({ phone: false });
  await h.login(admin, "admin");
  await admin.goto("/vanguard-overview");
  await admin.getByLabel("组织", { exact: true }).selectOption({ label: "幸福社区党支部" });
  await admin.getByRole("button", { name: "计算并定档" }).click();
  await admin.getByText("已定档").waitFor();
  await admin.getByText("堡垒指数").first().waitFor();
  await h.shot(admin, "masses-index-branch");
  await admin.context().close();

  // 4. The member reads their index and where every point comes from.
  const mem = await h.newPage({ phone: true });
  await h.login(mem, "member");
  await mem.goto("/vanguard");
  await mem.getByRole("heading", { name: "指数由来" }).waitFor();
  const why = mem.locator(".explanation").first();
  await why.getByText("群众评价").waitFor();
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
