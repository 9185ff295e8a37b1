import { createSignal, For, Show } from "solid-js";
import { PRACTICE_PLACES, TERM_GRADES, TERM_KINDS } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { MemberPicker } from "./MemberPicker";
import { talentMessages } from "./messages";
import { TalentTabs } from "./TalentTabs";

type Kind = (typeof TERM_KINDS)[number];

function CloseForm(props: { id: string; done: () => unknown }) {
  const t = useT(talentMessages);
  const closing = createAction(() => t("saved"), props.done);
  const submit = async (f: FormData) => {
    await call(
      api.talent.terms[":id"].close.$post({
        param: { id: props.id },
        json: {
          on: String(f.get("on")),
          grade: String(f.get("grade")) as (typeof TERM_GRADES)[number],
          assessment: String(f.get("assessment")),
        },
      }),
    );
  };
  return (
    <ActionForm action={closing} onSubmit={submit} submit={t("closeTerm")} novalidate>
      <div class="row">
        <Field label={t("grade")} name="grade">
          <select name="grade" id={`grade-${props.id}`}>
            <For each={TERM_GRADES}>{(g) => <option value={g}>{t(g)}</option>}</For>
          </select>
        </Field>
        <Field label={t("on")} name="on">
          <input name="on" id={`close-on-${props.id}`} type="date" max={today()} value={today()} required />
        </Field>
      </div>
      <Field label={t("assessment")} name="assessment">
        <textarea name="assessment" id={`assessment-${props.id}`} rows="2" maxlength="2000" required />
      </Field>
    </ActionForm>
  );
}

export default function TermsPage() {
  const t = useT(talentMessages);
  const [orgId, setOrgId] = createSignal("");
  const [kind, setKind] = createSignal<Kind>("practice");
  const list = createPagedList((offset) =>
    call(api.orgs[":id"].talent.terms.$get({ param: { id: orgId() }, query: { limit: "20", offset: String(offset) } })),
  );
  const assigning = createAction(() => t("assigned"), list.load);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.talent.terms.$post({
        json: {
          kind: kind(),
          memberId: String(f.get("memberId")),
          title: String(f.get("title")),
          ...(kind() === "practice" ? { place: String(f.get("place")) as (typeof PRACTICE_PLACES)[number] } : {}),
          host: String(f.get("host")),
          duties: String(f.get("duties")),
          startsOn: String(f.get("startsOn")),
          endsOn: String(f.get("endsOn")),
        },
      }),
    );
    form.reset();
  };
  return (
    <section class="page">
      <h1>{t("terms")}</h1>
      <TalentTabs />
      <div class="field">
        <OrgPicker
          roles={["secretary", "admin"]}
          value={orgId()}
          onChange={(id) => {
            setOrgId(id);
            list.load();
          }}
        />
      </div>
      <Show when={list.items().length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="terms">
          <For each={list.items()}>
            {(term) => (
              <li class="card">
                <strong>{`${t(term.kind)} · ${term.title}`}</strong>
                <div>{`${term.memberName} · ${term.orgName}`}</div>
                <div class="muted">
                  {`${term.startsOn} – ${term.endsOn} · ${term.host}${term.place ? ` · ${t(term.place)}` : ""}`}
                </div>
                <div>{term.duties}</div>
                <Show
                  when={term.closedOn}
                  fallback={
                    <>
                      <span class="tag">{t("inProgress")}</span>
                      {/* The host evaluates a practice post at its end; an advisor term may close early. */}
                      <Show when={term.kind === "advisor" || term.endsOn <= today()}>
                        <CloseForm id={term.id} done={list.load} />
                      </Show>
                    </>
                  }
                >
                  <div>
                    <span class="tag ok">{t((term.grade ?? "competent") as (typeof TERM_GRADES)[number])}</span>{" "}
                    {t("closedOn", { date: term.closedOn ?? "" })}
                  </div>
                  <div>{term.assessment}</div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Pager next={list.next()} onMore={list.more} />
      <h2>{t("assign")}</h2>
      <ActionForm action={assigning} onSubmit={submit} submit={t("assign")} novalidate>
        <Field label={t("kind")}>
          <select id="term-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <For each={TERM_KINDS}>{(k) => <option value={k}>{t(k)}</option>}</For>
          </select>
        </Field>
        <MemberPicker orgId={orgId()} name="memberId" id="term-member" />
        <Field label={t("termTitle")} name="title">
          <input
            id="term-title"
            name="title"
            maxlength="200"
            required
            value={kind() === "advisor" ? t("advisor") : ""}
          />
        </Field>
        <Show when={kind() === "practice"}>
          <Field label={t("place")} name="place">
            <select id="term-place" name="place">
              <For each={PRACTICE_PLACES}>{(p) => <option value={p}>{t(p)}</option>}</For>
            </select>
          </Field>
        </Show>
        <Field label={t("host")} name="host">
          <input id="term-host" name="host" maxlength="200" required />
        </Field>
        <Field label={t("duties")} name="duties">
          <textarea id="term-duties" name="duties" rows="2" maxlength="2000" required />
        </Field>
        <div class="row">
          <Field label={t("startsOn")} name="startsOn">
            <input id="term-starts" name="startsOn" type="date" value={today()} required />
          </Field>
          <Field label={t("endsOn")} name="endsOn">
            <input id="term-ends" name="endsOn" type="date" required />
          </Field>
        </div>
      </ActionForm>
    </section>
  );
}
