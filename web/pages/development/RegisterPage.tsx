import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { EDUCATION_LEVELS, type Education, OCCUPATIONS, type Occupation } from "../../../schema/auth/values";
import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { createPagedList, Pager } from "../../components/Pager";
import { SheetDownloads } from "../../components/SheetDownloads";
import { hasRole } from "../../session";
import { PlanPanel } from "./PlanPanel";
import { RulesPanel } from "./RulesPanel";
import { useDevText } from "./text";

type Row = Awaited<ReturnType<typeof loadRegister>>["items"][number];
// The server sorts the whole subtree by deadline and pages it: the page asks for more, never stops at one page.
const PAGE = "50";
const loadRegister = (id: string, offset: number) =>
  call(api.orgs[":id"].development.$get({ param: { id }, query: { limit: PAGE, offset: String(offset) } }));

function RegisterTable(props: { rows: Row[] | undefined; now: number }) {
  const { t, step, stage } = useDevText();
  return (
    <DataTable
      rows={props.rows}
      empty={t("none")}
      columns={[
        { header: t("name"), cell: (r) => <A href={`/development/case/${r.id}`}>{r.displayName}</A> },
        { header: t("branch"), cell: (r) => r.orgName },
        { header: t("stage"), cell: (r) => stage(r.stage) },
        { header: t("nextStep"), cell: (r) => step(r.nextStep) },
        {
          header: t("dueOn"),
          cell: (r) => (
            <>
              {r.nextDueOn ?? t("noneMark")}{" "}
              <Show when={r.nextDue !== null && r.nextDue < props.now}>
                <span class="tag">{t("overdue")}</span>
              </Show>
            </>
          ),
          classList: (r) => ({ warn: r.nextDue !== null && r.nextDue < props.now }),
        },
      ]}
    />
  );
}

function NewApplicant(props: { orgId: string; onDone: () => void }) {
  const { t, failure } = useDevText();
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].development.$post({
        param: { id: props.orgId },
        json: {
          displayName: String(f.get("displayName") ?? ""),
          username: String(f.get("username") ?? ""),
          password: String(f.get("password") ?? ""),
          gender: (optionalText(f.get("gender")) as "male" | "female" | null) ?? undefined,
          birthOn: optionalText(f.get("birthOn")) ?? undefined,
          education: (optionalText(f.get("education")) as Education | null) ?? undefined,
          occupation: (optionalText(f.get("occupation")) as Occupation | null) ?? undefined,
          appliedOn: String(f.get("appliedOn") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
        },
      }),
    );
    form.reset();
  };
  return (
    <details class="card-details">
      <summary>{t("newApplicant")}</summary>
      <ActionForm action={action} onSubmit={submit} submit={t("save")} text={failure} novalidate>
        <div class="row">
          <Field label={t("displayName")} name="displayName">
            <input name="displayName" required maxlength="60" />
          </Field>
          <Field label={t("appliedOn")} name="appliedOn">
            <input name="appliedOn" type="date" max={today()} value={today()} required />
          </Field>
        </div>
        <div class="row">
          <Field label={t("username")} name="username">
            <input name="username" required autocomplete="off" />
          </Field>
          <Field label={t("password")} name="password">
            <input name="password" type="password" minlength="8" required autocomplete="new-password" />
          </Field>
        </div>
        <div class="row">
          <Field label={t("gender")} name="gender">
            <select name="gender">
              <option value="">—</option>
              <option value="male">{t("male")}</option>
              <option value="female">{t("female")}</option>
            </select>
          </Field>
          <Field label={t("birthOn")} name="birthOn">
            <input name="birthOn" type="date" />
          </Field>
        </div>
        <div class="row">
          <Field label={t("education")} name="education">
            <select name="education">
              <option value="">—</option>
              <For each={EDUCATION_LEVELS}>{(e) => <option value={e}>{t(`edu_${e}`)}</option>}</For>
            </select>
          </Field>
          <Field label={t("occupation")} name="occupation">
            <select name="occupation">
              <option value="">—</option>
              <For each={OCCUPATIONS}>{(o) => <option value={o}>{t(`occ_${o}`)}</option>}</For>
            </select>
          </Field>
        </div>
        <Field label={t("evidence")} name="evidence">
          <input name="evidence" maxlength="500" />
        </Field>
      </ActionForm>
    </details>
  );
}

function Overdue(props: { orgId: string }) {
  const { t } = useDevText();
  const list = createPagedList((offset) =>
    call(
      api.orgs[":id"].development.overdue.$get({
        param: { id: props.orgId },
        query: { limit: PAGE, offset: String(offset) },
      }),
    ),
  );
  createEffect(
    on(
      () => props.orgId,
      () => list.load(),
    ),
  );
  return (
    <section>
      <h2>{t("overdueList")}</h2>
      <Feedback error={list.error()} />
      <RegisterTable rows={list.loaded() ? list.items() : undefined} now={Date.now()} />
      <Pager next={list.next()} onMore={list.more} />
    </section>
  );
}

function MyRecords() {
  const { t, stage, step } = useDevText();
  const [mine] = createResource(() => call(api.development.mine.$get()));
  return (
    <Show when={mine()?.items.length}>
      <section>
        <h2>{t("myRecord")}</h2>
        <ul class="cards">
          <For each={mine()?.items}>
            {(r) => (
              <li class="card">
                <A href={`/development/case/${r.case.id}`}>{r.case.orgName}</A>
                <span class="tag">{stage(r.case.stage)}</span>
                <span class="muted">
                  {t("nextStep")}: {step(r.case.nextStep)}
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

/** The branch register: everyone in the pipeline with stage, next step and deadline; the committee's overdue list. */
export default function RegisterPage() {
  const { t } = useDevText();
  const [orgId, setOrgId] = createSignal("");
  const [now, setNow] = createSignal(Date.now());
  const register = createPagedList(async (offset) => {
    const r = await loadRegister(orgId(), offset);
    setNow(r.now);
    return r;
  });
  createEffect(on(orgId, (id) => id && register.load()));
  const refetch = () => register.load();
  return (
    <section class="page">
      <h1>{t("register")}</h1>
      <MyRecords />
      <Show when={hasRole("secretary", "admin")}>
        <div class="row no-print">
          <div>
            <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
          </div>
          <Show when={orgId()}>
            <SheetDownloads href={`/api/orgs/${orgId()}/development/export`} csvLabel={t("exportCsv")} />
          </Show>
        </div>
        <Show when={orgId()}>
          <NewApplicant orgId={orgId()} onDone={refetch} />
          <RulesPanel orgId={orgId()} />
          <PlanPanel orgId={orgId()} />
          <Feedback error={register.error()} />
          <RegisterTable rows={register.loaded() ? register.items() : undefined} now={now()} />
          <Pager next={register.next()} onMore={register.more} />
          <Show when={hasRole("admin")}>
            <Overdue orgId={orgId()} />
          </Show>
        </Show>
      </Show>
    </section>
  );
}
