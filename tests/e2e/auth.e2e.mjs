// Someone guesses a member's password until the account locks; the member reads on their phone that it is
// locked and until when; their secretary resets the password and the member gets straight in.
const MEMBER = "dy008"; // a plain member of 幸福社区党支部, the demo secretary's branch

async function tryLogin(page, username, password) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export default async function auth(h) {
  const phone = await h.newPage({ phone: true });
  await phone.goto("/login");
  for (let i = 0; i < 5; i++) {
    await tryLogin(phone, MEMBER, `guess-${i}`);
    await phone.getByRole("alert").filter({ hasText: "用户名或密码错误" }).waitFor();
  }
  await tryLogin(phone, MEMBER, "demo-2026");
  const locked = phone.getByRole("alert").filter({ hasText: "已临时锁定至" });
  await locked.waitFor();
  h.expect.match((await locked.textContent()) ?? "", /\d{1,2}:\d{2}/, "the lock names the time it ends");
  await h.shot(phone, "auth-locked-phone");

  const secretary = await h.newPage({ phone: false });
  await h.login(secretary, "secretary");
  await h.nav(secretary, "党员名册");
  await secretary.getByLabel("搜索姓名、用户名或手机号").fill(MEMBER);
  await secretary.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
  await secretary.locator("tbody tr button.link").first().click();
  await secretary.getByLabel("新密码（至少 8 位）").fill("unlocked-2026");
  await secretary.getByRole("button", { name: "重置密码" }).click();
  await secretary.getByRole("status").filter({ hasText: "已完成" }).waitFor();
  await h.shot(secretary, "auth-secretary-reset-desktop");
  await secretary.context().close();

  await tryLogin(phone, MEMBER, "unlocked-2026");
  await phone.waitForURL((url) => !url.pathname.startsWith("/login"));
  await phone.context().close();
}
