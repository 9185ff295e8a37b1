// 民考 and tamper evidence end to end: the secretary reviews this year's pledges, the member records
// progress on a phone, the secretary starts the year-end check and prints the QR cards (each listing
// the member's pledges), a person with no account marks a pledge on a phone, and the closed demo
// round's printed notice carries the fingerprint that the public check page confirms (and that
// catches a rating altered in the database); the committee holds the same fingerprint.
import { AxeBuilder } from "@axe-core/playwright";
import { noSidewaysScroll } from "./overflow.mjs";

async function accessible(h, page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  h.expect.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility of ${name}`,
  );
}

export default async function pledges(h) {
  // 1. The secretary reviews the branch's pledges and approves the one still waiting.
  const sec = await h.newPage({ phone: false });
  await h.login(sec, "secretary");
  await sec.goto("/pledges");
  await sec.getByText("每月走访两户困难群众").waitFor();
  const waiting = sec.locator(".pledge", { hasText: "组织青少年暑期读书会" });
  await waiting.getByRole("button", { name: "同意", exact: true }).click();
  await waiting.getByText("已公开").waitFor();
  await h.shot(sec, "pledges-branch");

  // 2. The member records what they did, on a phone.
  const mem = await h.newPage({ phone: true });
  await h.login(mem, "member");
  await mem.goto("/my-pledges");
  const card = mem.locator(".pledge", { hasText: "带头参加社区环境整治志愿服务" });
  await card.getByText("记录践诺情况").click();
  await card.getByLabel("做了什么（时间、地点、帮助了谁）").fill("11 月参加小区楼道清理");
  await card.getByRole("button", { name: "保存记录" }).click();
  await card.getByText("践诺记录 (1)").waitFor();
  await noSidewaysScroll(h, mem, "my pledges");
  await h.shot(mem, "pledges-mine-phone");
  await accessible(h, mem, "my pledges");
  await mem.context().close();

  // 3. Year end: the secretary starts the check; each QR card lists the member's pledges.
  await sec.goto("/masses");
  await sec.getByLabel("评议对象").selectOption({ label: "民考：党员年度承诺（评诺）" });
  await sec.getByLabel("标题", { exact: true }).fill("端到端评诺");
  await sec.getByLabel("每个对象的二维码数量").fill("1");
  await sec.getByRole("button", { name: "生成评议码" }).click();
  await sec.getByRole("heading", { name: "评议二维码" }).waitFor();
  const qr = sec.locator(".qr-card", { hasText: "李建国" }).first();
  await qr.getByText("每月走访两户困难群众").waitFor();
  const link = await qr.locator(".qr-link").textContent();
  const token = (link ?? "").match(/\/rate\/([a-z2-7]{32})/)?.[1];
  h.expect.ok(token, `a rating link on the card: ${link}`);
  await sec.emulateMedia({ media: "print" });
  await h.shot(sec, "pledges-qr-sheet-print");
  await sec.emulateMedia({ media: "screen" });

  // 4. A person with no account opens the link on a phone and marks each pledge.
  const phone = await h.newPage({ phone: true });
  await phone.goto(`/rate/${token}`);
  await phone.locator(".ratee", { hasText: "李建国" }).waitFor();
  await phone.getByText("评价这位党员的每项承诺是否兑现").waitFor();
  const items = phone.locator("fieldset");
  const n = await items.count();
  h.expect.equal(n, 3, "the member's three pledges");
  h.expect.equal(await phone.getByRole("radio", { name: "满意", exact: true }).count(), 0, "no satisfaction scale");
  for (let i = 0; i < n; i++) {
    await items
      .nth(i)
      .getByRole("radio", { name: i === 2 ? "未兑现" : "已兑现", exact: true })
      .check();
  }
  await noSidewaysScroll(h, phone, "the pledge rating page");
  await h.shot(phone, "pledges-rate-phone");
  await accessible(h, phone, "the pledge rating page");
  await phone.getByRole("button", { name: "提交评价" }).click();
  await phone.getByText("感谢您的评价").waitFor();
  await phone.context().close();

  // 5. The closed demo round: results, and the notice with the fingerprint recorded with the committee.
  const reader = await h.newPage({ phone: true });
  await h.login(reader, "secretary");
  await reader.goto("/masses");
  await reader.getByRole("link", { name: /年度党员承诺评诺（示例）/ }).click();
  await reader.getByRole("heading", { name: "结果核验信息" }).waitFor();
  const fingerprint = (await reader.locator(".fingerprint").textContent())?.trim() ?? "";
  h.expect.match(fingerprint, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/, "a short fingerprint in groups of four");
  const code = (await reader.locator(".notice-codes dd").first().textContent())?.trim() ?? "";
  h.expect.match(code, /^[A-Z2-7]{4}-[A-Z2-7]{4}$/, "the round's code");
  h.expect.ok((await reader.getByText("兑现率").count()) > 0, "pledge results say kept, not satisfied");
  await noSidewaysScroll(h, reader, "the pledge round's results");
  await reader.emulateMedia({ media: "print" });
  h.expect.ok(await reader.locator(".fingerprint").isVisible(), "the fingerprint is printed");
  h.expect.equal(await reader.getByRole("button", { name: "打印结果公示" }).isVisible(), false, "no buttons in print");
  await h.shot(reader, "pledges-notice-print-phone");
  await reader.context().close();

  // 6. Anyone holding the notice checks it; a rating altered in the database is caught.
  const check = await h.newPage({ phone: true });
  await check.goto(`/check?code=${code}&fp=${fingerprint}`);
  await check.getByRole("button", { name: "核验" }).click();
  await check.locator(".check-result", { hasText: "一致：" }).waitFor();
  await noSidewaysScroll(h, check, "the check page");
  await h.shot(check, "pledges-check-intact-phone");
  await accessible(h, check, "the check page");
  const round = "(SELECT id FROM rating_rounds WHERE title LIKE '%年度党员承诺评诺（示例）')";
  const { results: original } = await h.d1.prepare(`SELECT id, answers FROM ratings WHERE round_id = ${round}`).all();
  await h.d1
    .prepare(`UPDATE ratings SET answers = replace(answers, 'not_kept', 'kept') WHERE round_id = ${round}`)
    .run();
  await check.getByRole("button", { name: "核验" }).click();
  await check.locator(".check-result", { hasText: "不一致" }).waitFor();
  await h.shot(check, "pledges-check-altered-phone");
  // Put the demo data back for the tests that follow.
  for (const r of original)
    await h.d1.prepare("UPDATE ratings SET answers = ? WHERE id = ?").bind(r.answers, r.id).run();
  await check.context().close();

  // 7. The committee holds the same fingerprint, out of the branch's reach.
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await admin.goto("/rating-seals");
  const held = admin.locator(".card", { hasText: "年度党员承诺评诺（示例）" });
  await held.getByText(fingerprint).waitFor();
  await noSidewaysScroll(h, admin, "the committee's record");
  await h.shot(admin, "pledges-seals-committee-phone");
  await accessible(h, admin, "the committee's record");
  await admin.context().close();
}
