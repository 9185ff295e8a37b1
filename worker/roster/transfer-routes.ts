import { idParam, pageQuery } from "../../schema/common/validation";
import { branchSearchQuery, tenantParam, transferRefusalBody } from "../../schema/roster/validation";
import { forbidden, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { ROSTER_ROLES } from "./access";
import {
  acceptTransfer,
  deliverTransfer,
  destinationBranches,
  destinations,
  refuseTransfer,
  type TransferRow,
  transferOn,
  transfersOf,
} from "./transfers";

/** A letter as the pages read it (the member's name, the two ends, where it stands). */
const shaped = (t: TransferRow) => ({
  id: t.id,
  side: t.side,
  state: t.state,
  userId: t.user_id,
  displayName: t.display_name,
  from: { tenant: t.from_tenant_name, orgName: t.from_org_name },
  to: { tenant: t.to_tenant_name, orgName: t.to_org_name },
  note: t.note,
  refusal: t.refusal,
  sentAt: t.sent_at,
  answeredAt: t.answered_at,
  doneAt: t.done_at,
});

/** This side's letter, for someone holding a roster role over this side's branch (else 404/403). */
async function ownLetter(c: { var: Parameters<typeof authorizedOrg>[0] }, id: string, side: "in" | "out") {
  const letter = await transferOn(c.var.db.$client, id);
  if (!letter || letter.side !== side) throw notFound("transfer");
  await authorizedOrg(c.var, side === "in" ? letter.to_org_id : letter.from_org_id, ROSTER_ROLES);
  return letter;
}

/** The other organisations and their branches are for those who write letters: a secretary or an admin. */
const writesLetters = (c: { var: { user: { memberships: { role: string }[] } } }) => {
  if (!c.var.user.memberships.some((m) => (ROSTER_ROLES as readonly string[]).includes(m.role))) throw forbidden();
};

export const transferRoutes = createAuthedRouter()
  .get("/tenants", async (c) => {
    writesLetters(c);
    return c.json({ items: await destinations(c.env) });
  })
  .get("/tenants/:tenant/branches", v("param", tenantParam), v("query", branchSearchQuery), async (c) => {
    writesLetters(c);
    const items = await destinationBranches(c.env, c.req.valid("param").tenant, c.req.valid("query").q);
    return c.json({ items });
  })
  .post("/:id/deliver", v("param", idParam), async (c) => {
    const letter = await ownLetter(c, c.req.valid("param").id, "out");
    return c.json(shaped(await deliverTransfer(c.env, c.var.db.$client, letter)));
  })
  .post("/:id/accept", v("param", idParam), async (c) => {
    const letter = await ownLetter(c, c.req.valid("param").id, "in");
    await acceptTransfer(c.env, c.var.db.$client, c.var.user.id, letter);
    return c.json({ ok: true as const });
  })
  .post("/:id/refuse", v("param", idParam), v("json", transferRefusalBody), async (c) => {
    const letter = await ownLetter(c, c.req.valid("param").id, "in");
    await refuseTransfer(c.env, c.var.db.$client, c.var.user.id, letter, c.req.valid("json").reason);
    return c.json({ ok: true as const });
  });

export const orgTransferRoutes = createAuthedRouter().get(
  "/",
  v("param", idParam),
  v("query", pageQuery),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ROSTER_ROLES);
    const { limit, offset } = c.req.valid("query");
    const rows = await transfersOf(c.var.db.$client, org.path, limit, offset);
    return c.json(page(rows.map(shaped), limit, offset));
  },
);
