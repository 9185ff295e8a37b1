import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { MAX_PLEDGES } from "../../../schema/masses/values";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useLedOrgs } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { PledgeCard } from "./PledgeCard";
import { pledgeMessages } from "./pledgeMessages";

/** The branch's pledges of a year (承诺): review members' proposals, add pledges, print the list. */
export default function PledgesPage() {
  const t = useT(pledgeMessages);
  const orgs = useLedOrgs(["branch", "group"]);
  const [orgId, setOrgId] = createSignal("");
  const [year, setYear] = createSignal(new Date().getFullYear());
  createEffect(() => {
    if (!orgId() && orgs()?.[0]) setOrgId(orgs()?.[0]?.id ?? "");
  });
  const [list, { refetch }] = createResource(
    () => (orgId() ? { id: orgId(), year: year() } : undefined),
    ({ id, year }) => call(api.orgs[":id"].pledges.$get({ param: { id }, query: { year: String(year) } })),
  );
  const [members] = createResource(orgId, (id) =>
    call(api.orgs[":id"].members.$get({ param: { id }, query: { limit: "200" } })),
  );
  const add = createAction(() => t("added"), refetch);
  const decide = createAction(() => "", refetch);
  const full = (e: unknown) =>
    e instanceof ApiFailure && e.code === "quota_exceeded" ? t("e_full", { max: MAX_PLEDGES }) : failureText(e);
  const orgName = () => orgs()?.find((o) => o.id === orgId())?.name ?? "";
  return (
    <section class="page">
      <h1 class="no-print">{t("title")}</h1>
      <p class="muted no-print">{t("intro")}</p>
      <div class="row no-print">
        <Show when={(orgs()?.length ?? 0) > 1}>
          <Field label={t("branch")}>
            <select value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
              <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
            </select>
          </Field>
        </Show>
        <Field label={t("year")}>
          <input
            type="number"
            min="2000"
            max="2100"
            value={year()}
            onChange={(e) => setYear(Number(e.currentTarget.value) || year())}
          />
        </Field>
      </div>
      <h2 class="print-only">
        {orgName()} · {t("listTitle", { year: year() })}
      </h2>
      <Feedback error={list.error ?? decide.error()} />
      <Show when={list()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards pledge-list">
          <For each={list()?.items}>
            {(p) => (
              <PledgeCard pledge={p} who={p.memberName}>
                <Show when={p.status === "proposed"}>
                  <div class="row no-print">
                    <For each={[true, false]}>
                      {(approve) => (
                        <button
                          type="button"
                          disabled={decide.busy()}
                          onClick={() =>
                            decide.run(() =>
                              call(api.pledges[":id"].decision.$post({ param: { id: p.id }, json: { approve } })),
                            )
                          }
                        >
                          {approve ? t("approve") : t("reject")}
                        </button>
                      )}
                    </For>
                  </div>
                </Show>
              </PledgeCard>
            )}
          </For>
        </ul>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t("printList")}
        </button>
      </Show>
      <div class="no-print">
        <h2>{t("add")}</h2>
        <ActionForm
          action={add}
          submit={t("addSubmit")}
          text={full}
          onSubmit={async (f, form) => {
            await call(
              api.orgs[":id"].pledges.$post({
                param: { id: orgId() },
                json: { memberId: String(f.get("memberId")), year: year(), text: String(f.get("text")) },
              }),
            );
            form.reset();
          }}
        >
          <Field label={t("member")} name="memberId">
            <select name="memberId" required>
              <For each={members()?.items}>{(m) => <option value={m.id}>{m.displayName}</option>}</For>
            </select>
          </Field>
          <Field label={t("pledge")} name="text">
            <textarea name="text" rows="2" maxlength="200" required />
          </Field>
        </ActionForm>
        <h2>{t("startCheck")}</h2>
        <p class="muted">{t("startCheckHelp")}</p>
        <A href="/masses">{t("goRounds")}</A>
      </div>
    </section>
  );
}
