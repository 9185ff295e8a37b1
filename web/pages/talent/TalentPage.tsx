import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { NOMINATION_SOURCES, RESERVE_STATUSES, RESERVE_TRACKS } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { Coverage } from "./Coverage";
import { MemberPicker } from "./MemberPicker";
import { talentMessages } from "./messages";
import { NominationTools } from "./NominationTools";
import { RulesForm } from "./RulesForm";
import { TalentTabs } from "./TalentTabs";

type Status = (typeof RESERVE_STATUSES)[number];

export default function TalentPage() {
  const t = useT(talentMessages);
  const [orgId, setOrgId] = createSignal("");
  const [status, setStatus] = createSignal<Status | "">("admitted");
  const [rules, rulesActions] = createResource(
    () => orgId() || undefined,
    (id) => call(api.orgs[":id"].talent.rules.$get({ param: { id } })),
  );
  // Coverage reads again when the pool or the rules change.
  const [poolStamp, setPoolStamp] = createSignal(0);
  const poolChanged = () => setPoolStamp((n) => n + 1);
  const list = createPagedList((offset) =>
    call(
      api.orgs[":id"].talent.reserves.$get({
        param: { id: orgId() },
        query: { limit: "20", offset: String(offset), ...(status() ? { status: status() as Status } : {}) },
      }),
    ),
  );
  const reload = () => orgId() && list.load();
  const nomination = createAction(
    () => t("nominationSaved"),
    () => Promise.all([list.load(), poolChanged()]),
  );
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.talent.reserves.$post({
        json: {
          memberId: String(f.get("memberId")),
          track: String(f.get("track")) as (typeof RESERVE_TRACKS)[number],
          source: String(f.get("source")) as (typeof NOMINATION_SOURCES)[number],
          reason: String(f.get("reason")),
          on: String(f.get("on")),
        },
      }),
    );
    form.reset();
  };
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <TalentTabs />
      <p class="muted">{t("heldNote")}</p>
      <div class="field">
        <OrgPicker
          roles={["secretary", "admin"]}
          value={orgId()}
          onChange={(id) => {
            setOrgId(id);
            reload();
          }}
        />
      </div>
      <Show when={rules()?.current}>
        {(r) => (
          <details class="card" id="rules">
            <summary>
              {t("rule", { standard: r().body.standard, version: r().version, source: r().body.source })}
            </summary>
            <p>{t("targetsLine", { ...r().body.targets, months: r().body.reviewMonths })}</p>
            <ul>
              <For each={r().body.criteria}>{(c) => <li>{c.label}</li>}</For>
            </ul>
            <p>{t("negativeList")}</p>
            <ul>
              <For each={r().body.negatives}>{(n) => <li>{n.label}</li>}</For>
            </ul>
            <Show when={hasRole("admin")}>
              <h3>{t("editRules")}</h3>
              <RulesForm
                orgId={orgId()}
                current={r().body}
                done={() => Promise.all([rulesActions.refetch(), poolChanged()])}
              />
            </Show>
          </details>
        )}
      </Show>
      <Show when={orgId()}>
        <Coverage orgId={orgId()} stamp={poolStamp()} />
      </Show>
      <h2>{t("pool")}</h2>
      <Field label={t("status")}>
        <select
          id="pool-status"
          value={status()}
          onChange={(e) => {
            setStatus(e.currentTarget.value as Status | "");
            reload();
          }}
        >
          <option value="">{t("all")}</option>
          <For each={RESERVE_STATUSES}>{(s) => <option value={s}>{t(s)}</option>}</For>
        </select>
      </Field>
      <DataTable
        caption={t("pool")}
        empty={t("none")}
        rows={list.items()}
        columns={[
          { header: t("member"), cell: (r) => <A href={`/talent/reserve/${r.id}`}>{r.memberName}</A> },
          { header: t("branch"), cell: (r) => r.orgName },
          { header: t("track"), cell: (r) => t(r.track) },
          { header: t("status"), cell: (r) => <span class={`tag status-${r.status}`}>{t(r.status)}</span> },
          { header: t("reviewDue"), cell: (r) => r.reviewDueOn ?? "—" },
        ]}
      />
      <Pager next={list.next()} onMore={list.more} />
      <h2>{t("nominate")}</h2>
      <ActionForm action={nomination} onSubmit={submit} submit={t("submitNomination")} novalidate>
        <MemberPicker orgId={orgId()} name="memberId" id="nominee" />
        <div class="row">
          <Field label={t("track")} name="track">
            <select id="nominate-track" name="track">
              <For each={RESERVE_TRACKS}>{(k) => <option value={k}>{t(k)}</option>}</For>
            </select>
          </Field>
          <Field label={t("source")} name="source">
            <select id="nominate-source" name="source">
              <For each={NOMINATION_SOURCES}>{(k) => <option value={k}>{t(k)}</option>}</For>
            </select>
          </Field>
        </div>
        <Field label={t("on")} name="on">
          <input id="nominate-on" name="on" type="date" max={today()} value={today()} required />
        </Field>
        <Field label={t("reason")} name="reason">
          <textarea id="nominate-reason" name="reason" rows="3" maxlength="1000" required />
        </Field>
      </ActionForm>
      <Show when={orgId()}>
        <NominationTools orgId={orgId()} done={() => Promise.all([list.load(), poolChanged()])} />
      </Show>
    </section>
  );
}
