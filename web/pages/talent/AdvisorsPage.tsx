import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate, today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { advisorMessages } from "./advisorMessages";
import { TalentTabs } from "./TalentTabs";

type View = Awaited<ReturnType<typeof load>>;
type Term = View["open"][number];

const load = (id: string) => call(api.orgs[":id"].talent.advisors.$get({ param: { id } }));

function ScheduleForm(props: { orgId: string; current: View["current"]; done: () => unknown }) {
  const t = useT(advisorMessages);
  const saving = createAction(() => t("saved"), props.done);
  const submit = async (f: FormData) => {
    await call(
      api.orgs[":id"].talent.advisors.$post({
        param: { id: props.orgId },
        json: {
          startsOn: String(f.get("startsOn")),
          termMonths: Number(f.get("termMonths")),
          seats: Number(f.get("seats")),
          noticeDays: Number(f.get("noticeDays")),
          title: String(f.get("title")),
          duties: String(f.get("duties")),
        },
      }),
    );
  };
  const number = (name: "termMonths" | "seats" | "noticeDays", max: number, fallback: number) => (
    <Field label={t(name)} name={name}>
      <input
        id={`advisor-${name}`}
        name={name}
        type="number"
        min="1"
        max={max}
        value={props.current?.[name] ?? fallback}
        required
      />
    </Field>
  );
  return (
    <ActionForm action={saving} onSubmit={submit} submit={t("newVersion")} novalidate>
      <Field label={t("startsOn")} name="startsOn">
        <input id="advisor-starts" name="startsOn" type="date" min={today()} value={today()} required />
      </Field>
      <div class="row">
        {number("termMonths", 24, 6)}
        {number("seats", 9, 2)}
        {number("noticeDays", 14, 7)}
      </div>
      <Field label={t("title")} name="title">
        <input
          id="advisor-title"
          name="title"
          maxlength="200"
          value={props.current?.title ?? t("defaultTitle")}
          required
        />
      </Field>
      <Field label={t("duties")} name="duties">
        <textarea
          id="advisor-duties"
          name="duties"
          rows="3"
          maxlength="2000"
          value={props.current?.duties ?? ""}
          required
        />
      </Field>
    </ActionForm>
  );
}

function TermCard(props: { term: Term }) {
  const t = useT(advisorMessages);
  const term = () => props.term;
  const state = () =>
    term().closedOn
      ? t("ended", { date: term().closedOn ?? "" })
      : term().startsOn > today()
        ? t("upcoming")
        : t("running");
  return (
    <li class="card">
      <strong>{t("term", { name: term().memberName, from: term().startsOn, to: term().endsOn })}</strong>
      <div class="muted">
        {term().seat ? t("seat", { version: term().version ?? "", seat: term().seat ?? "" }) : t("byHand")}
      </div>
      <div>{t("taking", { meetings: term().meetings, tasks: term().tasks })}</div>
      <span class={term().closedOn ? "tag ok" : "tag"}>{state()}</span>
    </li>
  );
}

/** A branch's 轮职参事: the schedule (each change a new version), the terms running and next, who rotates next, the past. */
export default function AdvisorsPage() {
  const t = useT(advisorMessages);
  const [search] = useSearchParams();
  const [orgId, setOrgId] = createSignal(typeof search.org === "string" ? search.org : "");
  const [view, { refetch }] = createResource(() => orgId() || null, load);
  const terms = (items: Term[]) => (
    <Show when={items.length} fallback={<p class="muted">{t("none")}</p>}>
      <ul class="cards">
        <For each={items}>{(term) => <TermCard term={term} />}</For>
      </ul>
    </Show>
  );
  return (
    <section class="page">
      <h1>{t("advisors")}</h1>
      <TalentTabs />
      <div class="field">
        <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Feedback error={view.error} />
      <Show when={view.state === "ready" && view()}>
        {(v) => (
          <>
            <h2>{t("schedule")}</h2>
            <Show when={v().current} fallback={<p class="muted">{t("noSchedule")}</p>}>
              {(c) => (
                <p id="advisor-current">
                  {t("current", {
                    version: c().version,
                    from: c().startsOn,
                    months: c().termMonths,
                    seats: c().seats,
                    days: c().noticeDays,
                  })}
                </p>
              )}
            </Show>
            <ScheduleForm orgId={orgId()} current={v().current} done={refetch} />
            <h2>{t("open")}</h2>
            <div id="advisor-open">{terms(v().open)}</div>
            <h2>{t("queue")}</h2>
            <p class="muted">{t("order")}</p>
            <Show when={v().queue.length} fallback={<p class="muted">{t("none")}</p>}>
              <ol id="advisor-queue">
                <For each={v().queue}>
                  {(q) => <li>{`${q.name} · ${q.lastServed ? t("last", { date: q.lastServed }) : t("never")}`}</li>}
                </For>
              </ol>
            </Show>
            <h2>{t("past")}</h2>
            {terms(v().past)}
            <h2>{t("versions")}</h2>
            <Show when={v().versions.length} fallback={<p class="muted">{t("none")}</p>}>
              <ul class="plain">
                <For each={v().versions}>
                  {(s) => (
                    <li>
                      {t("version", {
                        version: s.version,
                        at: formatDate(s.createdAt),
                        by: s.createdByName,
                        from: s.startsOn,
                        months: s.termMonths,
                        seats: s.seats,
                      })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
