// Three small things a reader meets: the app where service workers are missing or blocked starts without an
// error; a notice opens /services and /vanguard-overview on its own org, and a page keeps the org the reader
// picked; a catalogue passage reads as words, not as the lesson's Markdown.

const idOf = async (h, name) => (await h.d1.prepare("SELECT id FROM orgs WHERE name = ?").bind(name).first())?.id;
const errorsOf = (page) => {
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
};

/** Service workers as a private window or a blocked site has them: absent, throwing when read, throwing on register. */
const WITHOUT = {
  absent: () => Object.defineProperty(Navigator.prototype, "serviceWorker", { get: () => undefined }),
  throwing: () =>
    Object.defineProperty(Navigator.prototype, "serviceWorker", {
      get: () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    }),
  refusing: () => {
    ServiceWorkerContainer.prototype.register = () => {
      throw new DOMException("Failed to register a ServiceWorker", "SecurityError");
    };
  },
};

export default async function ux(h) {
  for (const [how, script] of Object.entries(WITHOUT)) {
    const page = await h.newPage({ phone: true, serviceWorker: true });
    await page.addInitScript(script);
    const errors = errorsOf(page);
    await h.login(page, "dy020");
    await page.getByRole("heading", { name: /您好/ }).waitFor();
    await page.waitForTimeout(500); // the registration chunk loads after the first paint
    h.expect.deepEqual(errors, [], `service workers ${how}: no error`);
    await page.context().close();
  }

  // A secretary of two branches: a service notice of the second opens the review list on it.
  const [community, village] = [await idOf(h, "幸福社区党支部"), await idOf(h, "红星村党支部")];
  const secretary = await h.d1.prepare("SELECT id FROM users WHERE username = 'secretary'").first();
  await h.d1
    .prepare("INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, 'secretary', ?)")
    .bind("uxsecondbranch00000000000", secretary.id, village, Date.now())
    .run();
  const sec = await h.newPage({ phone: true });
  await h.login(sec, "secretary");
  await sec.goto(`/services?org=${village}`);
  const reviewOrg = sec.locator("#review-org");
  await reviewOrg.waitFor();
  h.expect.equal(await reviewOrg.inputValue(), village, "the notice's branch, not the first");
  // The reader's pick is kept in the address: a reload (or coming back) opens on it.
  await reviewOrg.selectOption(community);
  await sec.waitForURL((url) => url.searchParams.get("org") === community);
  await sec.reload();
  await reviewOrg.waitFor();
  h.expect.equal(await reviewOrg.inputValue(), community, "the reader's pick, after a reload");
  await h.shot(sec, "ux-services-org-phone");
  await sec.context().close();

  // An adjustment notice names the member's branch; the committee admin's first org is the committee.
  const admin = await h.newPage();
  await h.login(admin, "admin");
  await admin.goto(`/vanguard-overview?org=${village}`);
  const viOrg = admin.locator("#vi-org");
  await viOrg.locator(`option[value="${village}"]`).waitFor({ state: "attached" });
  await admin.waitForFunction((id) => document.querySelector("#vi-org")?.value === id, village);
  await viOrg.selectOption(community);
  await admin.waitForURL((url) => url.searchParams.get("org") === community);
  await admin.reload();
  await admin.waitForFunction((id) => document.querySelector("#vi-org")?.value === id, community);
  // An org that is not the reader's falls back to their first.
  await admin.goto("/vanguard-overview?org=nosuchorg");
  await admin.waitForFunction(() => {
    const select = document.querySelector("#vi-org");
    return select?.options.length > 0 && select.value === select.options[0].value;
  });
  await admin.context().close();

  // The demo lesson's passage under a bold list item: the words and the hit, no `-`, `**` or `##`.
  const member = await h.newPage({ phone: true });
  await h.login(member, "member");
  await member.goto(`/catalogue?q=${encodeURIComponent("组织设置跟着群众走")}`);
  const hit = member.locator(".catalogue .card").filter({ hasText: "加强基层服务型党组织建设" });
  await hit.locator("mark").first().waitFor();
  h.expect.equal(await hit.locator("mark").first().textContent(), "组织设置跟着群众走");
  const passage = (await hit.locator("p.clamp").textContent()) ?? "";
  h.expect.doesNotMatch(passage, /\*\*|##|\[|\]\(|(^|\s)- /, passage);
  await h.shot(member, "ux-catalogue-passage-phone");
  await member.context().close();
}
