import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { Feedback } from "../../components/Feedback";
import { OrgPicker } from "../../components/OrgPicker";
import { hasRole } from "../../session";
import { FollowupRulesPanel } from "./FollowupRulesPanel";
import { type FollowupKey, useFollowupText } from "./followupMessages";
import { usePeriod } from "./messages";

type Show3 = "open" | "overdue" | "closed";
const loadList = ([id, status]: [string, Show3]) =>
  call(api.orgs[":id"]["eval-followups"].$get({ param: { id }, query: { status, limit: "200", offset: "0" } }));

/** The member's own follow-ups, read only. */
function Mine() {
  const { t, step } = useFollowupText();
  const period = usePeriod();
  const [mine] = createResource(() => call(api["eval-followups"].mine.$get()));
  return (
    <Show when={mine()?.items.length}>
      <section>
        <h2>{t("mine")}</h2>
        <ul class="cards">
          <For each={mine()?.items}>
            {(f) => (
              <li class="card">
                <A href={`/evaluations/followups/${f.id}`}>
                  {f.cycleName} {period(f.cycleLabel)}
                </A>
                <div class="muted">
                  <Show when={f.status === "open"} fallback={t(`outcome_${f.outcome}` as FollowupKey)}>
                    {t("nextStep")}: {step(f.nextStep)} · {t("dueOn")} {f.nextDueOn}
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

/** The branch's (or the committee's subtree's) follow-ups of 不合格: next step and deadline, soonest first. */
export default function FollowupsPage() {
  const { t, step } = useFollowupText();
  const period = usePeriod();
  const [orgId, setOrgId] = createSignal("");
  const [status, setStatus] = createSignal<Show3>("open");
  const [list] = createResource(() => (orgId() ? ([orgId(), status()] as [string, Show3]) : null), loadList);
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <Mine />
      <Show when={hasRole("secretary", "admin")}>
        <h2>{t("list")}</h2>
        <div class="row">
          <div>
            <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
          </div>
          <div>
            <label for="followup-status">{t("status")}</label>
            <select id="followup-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value as Show3)}>
              <For each={["open", "overdue", "closed"] as const}>
                {(s) => <option value={s}>{t(`show_${s}`)}</option>}
              </For>
            </select>
          </div>
        </div>
        <Show when={orgId()}>
          <FollowupRulesPanel orgId={orgId()} />
        </Show>
        <Feedback error={list.error} />
        <DataTable
          rows={list()?.items}
          empty={t("none")}
          columns={[
            {
              header: t("member"),
              cell: (r) => <A href={`/evaluations/followups/${r.id}`}>{r.memberName}</A>,
            },
            { header: t("branch"), cell: (r) => r.branchName },
            { header: t("cycle"), cell: (r) => `${r.cycleName} ${period(r.cycleLabel)}` },
            {
              header: t("nextStep"),
              cell: (r) => (r.status === "open" ? step(r.nextStep) : t(`outcome_${r.outcome}` as FollowupKey)),
            },
            {
              header: t("dueOn"),
              cell: (r) => (
                <>
                  {r.nextDueOn ?? "—"}{" "}
                  <Show when={r.status === "open" && r.nextDue !== null && r.nextDue < (list()?.now ?? 0)}>
                    <span class="tag tag-warn">{t("overdue")}</span>
                  </Show>
                </>
              ),
              classList: (r) => ({ warn: r.status === "open" && r.nextDue !== null && r.nextDue < (list()?.now ?? 0) }),
            },
          ]}
        />
      </Show>
    </section>
  );
}
