// A member's transfer between two organisations served by one Worker: the committee's admin (above the
// enterprise branch; the community branch has an appraisal open, which would refuse it) issues the letter from the member's panel (the receiving organisation and its branch picked by name),
// the village branch's secretary in the other organisation accepts it, and the member signs in there.
// Its own app with one more tenant (t1.localhost), both seeded with the demo.
import { startApp } from "../harness/miniflare.mjs";

async function apiLogin(base, username, password = "demo-2026") {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, cookie: res.headers.getSetCookie()[0]?.split(";")[0] ?? "" };
}

async function login(page, base, username) {
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel(/^密码$/).fill("demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export default async function (h) {
  const app = await startApp({ assets: true, tenants: 1 });
  try {
    const home = app.entryUrl;
    const other = home.replace("127.0.0.1", "t1.localhost");
    // A member whose username the other organisation does not give anyone (both run the same demo).
    const branch = await app.d1.prepare("SELECT id FROM orgs WHERE name = '新材料科技有限公司党支部'").first();
    const { cookie } = await apiLogin(home, "admin");
    const added = await fetch(`${home}/api/orgs/${branch.id}/members`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: home, Cookie: cookie },
      body: JSON.stringify({ username: "zhuanjie-li", displayName: "李转接", password: "demo-2026" }),
    });
    h.expect.equal(added.status, 201);

    const openLetter = async (page) => {
      await login(page, home, "admin");
      await page.goto(`${home}/roster`);
      await page.locator("#roster-org").selectOption({ label: "新材料科技有限公司党支部" });
      await page.getByRole("button", { name: "李转接" }).click();
      const panel = page.getByRole("region", { name: "详情" });
      await panel.getByLabel("转入的党组织").selectOption({ label: "租户 1" });
      await panel.getByLabel("按名称查找对方支部").fill("红星村");
      await panel.getByLabel("转入支部").selectOption({ label: "红星村党支部（示范市委）" });
      await panel.getByLabel("介绍信备注（可选）").fill("因工作调动转往红星村");
      return panel;
    };

    // On a phone: the letter filled in, not sent.
    const phone = await h.newPage({ phone: true });
    await openLetter(phone);
    await h.shot(phone, "roster-transfer-out-360");
    await phone.context().close();

    // On a desktop: the letter sent; the branch's transfers list says it waits for the other side.
    const desk = await h.newPage();
    await desk.setViewportSize({ width: 1366, height: 900 });
    const panel = await openLetter(desk);
    await h.shot(desk, "roster-transfer-out-1366");
    await panel.getByRole("button", { name: "开具转接介绍信" }).click();
    await desk.getByRole("dialog").getByRole("button", { name: "开具转接介绍信" }).click();
    const transfers = desk.getByRole("region", { name: "跨党组织转接" });
    await transfers.getByText("已送达，待对方接收").waitFor();

    // The receiving branch's secretary, in the other organisation, on a phone: the letter, then accepted.
    const receiver = await h.newPage({ phone: true });
    await login(receiver, other, "dy003");
    await receiver.goto(`${other}/roster`);
    const incoming = receiver.getByRole("region", { name: "跨党组织转接" });
    await incoming.getByText("待接收").waitFor();
    await h.shot(receiver, "roster-transfer-in-360");
    await incoming.getByRole("button", { name: "接收" }).click();
    await receiver.getByRole("dialog").getByRole("button", { name: "接收" }).click();
    await incoming.getByText("已接收").waitFor();
    await receiver.getByRole("button", { name: "李转接" }).waitFor();
    const fits = await receiver.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    h.expect.ok(fits, "the transfers list fits 360 px");
    await receiver.context().close();

    // The source's list now says where the member went; the receipt seen on a desktop too.
    await desk.reload();
    await transfers.getByText("已转出").waitFor();
    const deskIn = await h.newPage();
    await deskIn.setViewportSize({ width: 1366, height: 900 });
    await login(deskIn, other, "dy003");
    await deskIn.goto(`${other}/roster`);
    await deskIn.getByRole("region", { name: "跨党组织转接" }).getByText("已接收").waitFor();
    await h.shot(deskIn, "roster-transfer-in-1366");
    await deskIn.context().close();
    await desk.context().close();

    // The member's login works in the organisation they went to, and no longer in the one they left.
    const moved = await h.newPage();
    await login(moved, other, "zhuanjie-li"); // Node's fetch cannot reach t1.localhost: the browser signs in
    await moved.context().close();
    h.expect.equal((await apiLogin(home, "zhuanjie-li")).status, 401);
  } finally {
    await app.close();
  }
}
