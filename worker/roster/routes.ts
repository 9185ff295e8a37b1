import type { TypedResponse } from "hono";
import { resetPasswordBody } from "../../schema/auth/validation";
import { idParam } from "../../schema/common/validation";
import { grantRoleBody } from "../../schema/orgs/validation";
import {
  addMemberBody,
  rosterQuery,
  transferBody,
  transferOutBody,
  updateMemberBody,
} from "../../schema/roster/validation";
import { authorizePath, resetPassword } from "../auth";
import { ApiError, forbidden } from "../lib/errors";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { authorizedUser, mayResetPassword, ROSTER_ROLES } from "./access";
import { importRoster } from "./import";
import { type RosterPage, rosterPage } from "./page";
import {
  addMember,
  grantRole,
  membershipHistory,
  revokeRole,
  setActive,
  transferMember,
  updateMember,
} from "./service";
import { sendTransfer } from "./transfers";

export const memberRoutes = createAuthedRouter()
  .get("/", v("param", idParam), v("query", rosterQuery), async (c) => {
    const { id } = c.req.valid("param");
    // The page comes with the org's path and count: authorized from the same round trip, before anything is computed.
    const text = await rosterPage(c.var.db, id, c.req.valid("query"), (path) =>
      authorizePath(c.var.user, path, ROSTER_ROLES),
    );
    return c.body(text, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
      RosterPage,
      200,
      "json"
    >;
  })
  .post("/", v("param", idParam), v("json", addMemberBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ROSTER_ROLES);
    return c.json(await addMember(c.var.db, c.var.user.id, org, c.req.valid("json")), 201);
  })
  .post("/import", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ROSTER_ROLES);
    const type = c.req.header("Content-Type") ?? "";
    if (!/^(text\/csv|application\/octet-stream|text\/plain|application\/vnd\.openxmlformats)/.test(type)) {
      throw new ApiError(415, "unsupported_type", "send a CSV file or an .xlsx workbook");
    }
    const bytes = await c.req.arrayBuffer();
    return c.json(await importRoster(c.var.db, c.var.user.id, org, bytes));
  });

export const userRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const { user } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    const history = await membershipHistory(c.var.db, user.id);
    const { passwordHash: _h, passwordSalt: _s, passwordIterations: _i, ...profile } = user;
    return c.json({ ...profile, history });
  })
  .patch("/:id", v("param", idParam), v("json", updateMemberBody), async (c) => {
    const { user, branchId } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    const patch = c.req.valid("json");
    // The cadre mark sets one's own study quota: someone else decides it.
    if (patch.cadre !== undefined && user.id === c.var.user.id && patch.cadre !== user.cadre)
      throw new ApiError(403, "own_case", "nobody marks their own cadre status");
    await updateMember(c.var.db, c.var.user.id, user.id, branchId, patch);
    return c.json({ ok: true as const });
  })
  .post("/:id/transfer", v("param", idParam), v("json", transferBody), async (c) => {
    const { user, branchId, branchName } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    if (!branchId) throw new ApiError(409, "conflict", "the user is not a member of any branch");
    const to = await authorizedOrg(c.var, c.req.valid("json").toOrgId, ROSTER_ROLES);
    await transferMember(c.var.db, c.var.user.id, user.id, { id: branchId, name: branchName }, to);
    return c.json({ ok: true as const });
  })
  .post("/:id/transfer-out", v("param", idParam), v("json", transferOutBody), async (c) => {
    const { user, branchId, branchName } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    if (!branchId) throw new ApiError(409, "conflict", "the user is not a member of any branch");
    const member = { id: user.id, username: user.username, displayName: user.displayName, branchId, branchName };
    const body = c.req.valid("json");
    const letter = await sendTransfer(c.env, c.var.db.$client, c.var.user.id, member, {
      tenant: body.tenant,
      orgId: body.toOrgId,
      note: body.note,
    });
    return c.json({ id: letter.id, state: letter.state }, 201);
  })
  .post("/:id/deactivate", v("param", idParam), async (c) => {
    const { user, branchId } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    if (user.id === c.var.user.id) throw new ApiError(409, "conflict", "you cannot deactivate yourself");
    await setActive(c.var.db, c.var.user.id, user.id, branchId, false);
    return c.json({ ok: true as const });
  })
  .post("/:id/reactivate", v("param", idParam), async (c) => {
    const { user, branchId } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    await setActive(c.var.db, c.var.user.id, user.id, branchId, true);
    return c.json({ ok: true as const });
  })
  .post("/:id/password", v("param", idParam), v("json", resetPasswordBody), async (c) => {
    const { user, branchId, held } = await authorizedUser(c.var, c.req.valid("param").id, ROSTER_ROLES);
    if (!mayResetPassword(c.var.user, held)) throw forbidden();
    const target = { id: user.id, username: user.username, orgId: branchId };
    await resetPassword(c.var.db, c.var.user.id, target, c.req.valid("json").newPassword, Date.now());
    return c.json({ ok: true as const });
  })
  .post("/:id/roles", v("param", idParam), v("json", grantRoleBody), async (c) => {
    const { user } = await authorizedUser(c.var, c.req.valid("param").id, ["admin"]);
    const body = c.req.valid("json");
    const org = await authorizedOrg(c.var, body.orgId, ["admin"]);
    await grantRole(c.var.db, c.var.user.id, user.id, org, body.role);
    return c.json({ ok: true as const }, 201);
  })
  .post("/:id/roles/revoke", v("param", idParam), v("json", grantRoleBody), async (c) => {
    const { user } = await authorizedUser(c.var, c.req.valid("param").id, ["admin"]);
    const body = c.req.valid("json");
    const org = await authorizedOrg(c.var, body.orgId, ["admin"]);
    await revokeRole(c.var.db, c.var.user.id, user.id, org, body.role);
    return c.json({ ok: true as const });
  });
