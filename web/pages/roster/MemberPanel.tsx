import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { hasRole, type Role } from "../../session";
import { EditMemberForm } from "./EditMemberForm";
import { rosterMessages } from "./messages";
import { TransferOutForm } from "./TransferOutForm";

const ROLES: Role[] = ["member", "secretary", "school", "admin"];

/** One member: profile editing, membership history, and for admins password reset and roles. */
export function MemberPanel(props: {
  userId: string;
  orgs: { id: string; name: string }[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useT(rosterMessages);
  const ts = useT(shellMessages);
  const [detail, { refetch }] = createResource(
    () => props.userId,
    (id) => call(api.users[":id"].$get({ param: { id } })),
  );
  const action = createAction(
    () => t("done"),
    () => Promise.all([refetch(), props.onChanged()]),
  );
  return (
    <section class="card" style={{ display: "block" }} aria-label={t("details")}>
      <Show when={detail()}>
        {(d) => (
          <>
            <h2>
              {d().displayName} <span class="muted">{d().username}</span>
            </h2>
            <EditMemberForm member={d()} action={action} />
            <h3>{t("history")}</h3>
            <ul>
              <For each={d().history}>
                {(h) => (
                  <li>
                    {h.orgName} · {ts(`role_${h.role}`)} · {t("since")} {formatDate(h.startedAt)}{" "}
                    {h.endedAt ? `${t("until")} ${formatDate(h.endedAt)}` : t("now")}
                    <Show when={!h.endedAt && hasRole("admin") && h.role !== "member"}>
                      {" "}
                      <button
                        type="button"
                        class="link"
                        onClick={() =>
                          action.run(() =>
                            call(
                              api.users[":id"].roles.revoke.$post({
                                param: { id: d().id },
                                json: { orgId: h.orgId, role: h.role },
                              }),
                            ),
                          )
                        }
                      >
                        {t("revoke")}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={hasRole("admin")}>
              <ActionForm
                action={action}
                submit={t("grant")}
                primary={false}
                feedback={false}
                onSubmit={(f) =>
                  call(
                    api.users[":id"].roles.$post({
                      param: { id: d().id },
                      json: { orgId: String(f.get("orgId")), role: f.get("role") as Role },
                    }),
                  )
                }
              >
                <h3>{t("grantRole")}</h3>
                <div class="row">
                  <Field label={t("org")} name="orgId">
                    <select id="grant-org" name="orgId">
                      <For each={props.orgs}>{(o) => <option value={o.id}>{o.name}</option>}</For>
                    </select>
                  </Field>
                  <Field label={t("role")} name="role">
                    <select id="grant-role" name="role">
                      <For each={ROLES}>{(r) => <option value={r}>{ts(`role_${r}`)}</option>}</For>
                    </select>
                  </Field>
                </div>
              </ActionForm>
            </Show>
            <Show when={hasRole("secretary", "admin") && d().history.some((h) => !h.endedAt && h.role === "member")}>
              <TransferOutForm member={d()} action={action} />
            </Show>
            <Show when={hasRole("secretary", "admin")}>
              <ActionForm
                action={action}
                submit={t("resetPassword")}
                primary={false}
                feedback={false}
                onSubmit={async (f, form) => {
                  await call(
                    api.users[":id"].password.$post({
                      param: { id: d().id },
                      json: { newPassword: String(f.get("newPassword")) },
                    }),
                  );
                  form.reset();
                }}
              >
                <Field label={t("newPassword")} name="newPassword">
                  <input id="reset-password" name="newPassword" type="password" autocomplete="new-password" />
                </Field>
                <p class="muted">{t("resetHint")}</p>
              </ActionForm>
            </Show>
          </>
        )}
      </Show>
      <Feedback error={action.error() ?? detail.error} notice={action.notice()} />
      <button type="button" onClick={() => props.onClose()}>
        {t("close")}
      </button>
    </section>
  );
}
