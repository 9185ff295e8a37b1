// 评先选优 end to end on a 360 px phone: the demo round waits in its 公示 with an objection; the committee
// opens a new round, the community branch's secretary nominates a member, the committee decides (the
// page asks for a reason because the decision departs from the criteria), opens the notice, a member
// objects, the committee answers, the notice ends, the result is final and enters the member's archive.
import { noSidewaysScroll } from "./overflow.mjs";

const DAY = 86_400_000;
const day = (offset = 0) => new Date(Date.now() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10);
const ROUND = "端到端优秀党务工作者";

export default async function commendations(h) {
  const { results } = await h.d1.prepare("SELECT display_name AS name FROM users WHERE username = 'dy011'").all();
  const nomineeName = results[0].name;

  // 1. The committee's list: the demo round in its notice, with its unanswered objection.
  const admin = await h.newPage({ phone: true });
  await h.login(admin, "admin");
  await h.nav(admin, "评先选优");
  await admin.getByRole("heading", { name: "评先选优" }).waitFor();
  await admin.getByRole("link", { name: /年度优秀共产党员/ }).click();
  await admin.getByText("待答复").waitFor();
  await admin.getByText("防汛值守期间曾有两天由他人代班").waitFor();
  await noSidewaysScroll(h, admin, "the demo round in 公示");
  await h.shot(admin, "commendations-notice-phone");
  // A nominee's page: each criterion against the year's records, and the records themselves.
  await admin.locator(".nominee", { hasText: "李建国" }).getByRole("link", { name: "查看" }).click();
  await admin.getByText(/服务记录：司法援助 · 3 小时/).waitFor();
  await admin.getByText("先锋指数（不低于 80 分）").waitFor();
  await admin.getByText("平台中没有该年度的记录").waitFor();
  await noSidewaysScroll(h, admin, "the nominee's evidence");
  await h.shot(admin, "commendations-evidence-phone");

  // 2. A new round with a criterion from the services face.
  await admin.goto("/commendations");
  await admin.getByLabel("评选名称").fill(ROUND);
  await admin.getByLabel("类别").selectOption("excellent_worker");
  await admin.getByLabel("确认的服务群众时长不少于（小时）").fill("5");
  await admin.getByRole("button", { name: "发起评选" }).click();
  await admin.getByRole("link", { name: ROUND }).waitFor();
  await noSidewaysScroll(h, admin, "the rounds");
  await h.shot(admin, "commendations-rounds-phone");
  await admin.getByRole("link", { name: ROUND }).click();
  await admin.waitForURL(/\/commendations\/[a-z2-7]+$/);
  const roundUrl = new URL(admin.url()).pathname;

  // 3. The branch nominates one of its own members.
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "secretary");
  await sec.goto(roundUrl);
  await sec.getByRole("heading", { name: "推荐本支部党员" }).waitFor();
  await sec.getByLabel("党员", { exact: true }).selectOption({ label: nomineeName });
  await sec.getByLabel("主要事迹").fill("组织楼栋党员志愿服务队，协调解决加装电梯问题");
  await sec.getByRole("button", { name: "推荐", exact: true }).click();
  await sec.locator(".nominee", { hasText: nomineeName }).waitFor();
  await noSidewaysScroll(h, sec, "the nomination");
  await h.shot(sec, "commendations-nominated-phone");
  await sec.context().close();

  // 4. The committee decides on the evidence; approving with the criterion unmet needs a reason.
  await admin.reload();
  await admin.locator(".nominee", { hasText: nomineeName }).getByRole("link", { name: "查看" }).click();
  await admin.getByText("服务群众（不少于 5 小时）").waitFor();
  await admin.getByText("不符合").first().waitFor();
  await admin.getByRole("button", { name: "作出决定" }).click();
  await admin.getByRole("alert").getByText("决定与评选条件不一致，须写明理由").waitFor();
  await noSidewaysScroll(h, admin, "the nominee's evidence");
  await h.shot(admin, "commendations-reason-required-phone");
  await admin.getByLabel("理由").fill("服务记录尚在支部确认中；党务工作实绩突出，党委会研究同意");
  await admin.getByRole("button", { name: "作出决定" }).click();
  await admin.getByText("决定理由：服务记录尚在支部确认中").waitFor();
  await h.shot(admin, "commendations-decided-phone");

  // 5. The public notice, from today.
  await admin.goto(roundUrl);
  await admin.getByLabel("公示结束").fill(day(3));
  await admin.getByRole("button", { name: "开始公示" }).click();
  await admin.getByText(`公示期：${day()} 至 ${day(3)}`).waitFor();

  // 6. A member of the subtree objects during the notice.
  const mem = await h.newPage({ phone: true });
  await h.login(mem, "member");
  await mem.goto(roundUrl);
  await mem.locator(".nominee", { hasText: nomineeName }).getByRole("button", { name: "提出异议" }).click();
  await mem.getByRole("dialog").getByLabel("异议内容").fill("加装电梯一事主要由居委会推动");
  await mem.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await mem.getByRole("heading", { name: "我提出的异议" }).waitFor();
  await mem.getByText("加装电梯一事主要由居委会推动").waitFor();
  await noSidewaysScroll(h, mem, "the notice seen by a member");
  await h.shot(mem, "commendations-objection-phone");
  await mem.context().close();

  // 7. Not final while the notice runs; the committee answers the objection; the notice ends; final.
  await admin.reload();
  await admin.getByRole("button", { name: "确定结果" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "确定结果" }).click();
  await admin.getByRole("alert").getByText("公示期尚未结束，不能确定结果").waitFor();
  const objection = admin.locator(".objection", { hasText: "加装电梯" });
  await objection.getByLabel("处理结果").selectOption("dismissed");
  await objection.getByLabel("答复").fill("经核实，该同志牵头协调并全程跟进，异议不成立");
  await objection.getByRole("button", { name: "答复" }).click();
  await admin.getByText(/已答复：异议不成立/).waitFor();
  const roundId = roundUrl.split("/").pop();
  await h.d1
    .prepare("UPDATE commendation_rounds SET notice_ends_at = ? WHERE id = ?")
    .bind(Date.now() - 1, roundId)
    .run();
  await admin.reload();
  await admin.getByRole("button", { name: "确定结果" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "确定结果" }).click();
  await admin.getByText("结果已确定，已写入 1 名党员的成长档案").waitFor();
  await admin.getByText("已确定", { exact: true }).waitFor();
  await noSidewaysScroll(h, admin, "the final result");
  await h.shot(admin, "commendations-final-phone");
  await admin.context().close();

  // 8. The commended member's own archive shows it.
  const commended = await h.newPage({ phone: true });
  await h.login(commended, "dy011");
  await commended.goto("/archive");
  const entry = commended.locator(".timeline li", { hasText: `${ROUND} · 示范市委` });
  await entry.getByText("受到表彰").waitFor();
  await noSidewaysScroll(h, commended, "the archive");
  await h.shot(commended, "commendations-archive-phone");
  await commended.context().close();
}
