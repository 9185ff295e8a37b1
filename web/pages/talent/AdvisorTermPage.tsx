import { createResource, For, Show } from "solid-js";
import { ENTRY_KINDS } from "../../../schema/talent/advisors";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { advisorMessages } from "./advisorMessages";

type Term = Awaited<ReturnType<typeof load>>[number];

const load = async () => (await call(api.talent.my.terms.$get())).items.filter((x) => x.kind === "advisor");

/** The entry form of a running term: a committee meeting attended or a task of the portfolio. */
function Record(props: { term: Term; done: () => unknown }) {
  const t = useT(advisorMessages);
  const recording = createAction(() => t("added"), props.done);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.talent.terms[":id"].entries.$post({
        param: { id: props.term.id },
        json: {
          on: String(f.get("on")),
          kind: String(f.get("kind")) as (typeof ENTRY_KINDS)[number],
          work: String(f.get("work")),
        },
      }),
    );
    form.reset();
  };
  return (
    <ActionForm action={recording} onSubmit={submit} submit={t("add")} novalidate>
      <div class="row">
        <Field label={t("entryKind")} name="kind">
          <select name="kind" id={`entry-kind-${props.term.id}`}>
            <For each={ENTRY_KINDS}>{(k) => <option value={k}>{t(k)}</option>}</For>
          </select>
        </Field>
        <Field label={t("on")} name="on">
          <input
            name="on"
            id={`entry-on-${props.term.id}`}
            type="date"
            min={props.term.startsOn}
            max={today()}
            value={today()}
            required
          />
        </Field>
      </div>
      <Field label={t("entry")} name="work">
        <textarea name="work" id={`entry-work-${props.term.id}`} rows="2" maxlength="2000" required />
      </Field>
    </ActionForm>
  );
}

/** The advisor's own terms: when each starts and ends, what it asks, and the record of taking part. */
export default function AdvisorTermPage() {
  const t = useT(advisorMessages);
  const [terms, { refetch }] = createResource(load);
  const count = (term: Term, kind: string) => term.entries.filter((e) => e.kind === kind).length;
  return (
    <section class="page">
      <h1>{t("mine")}</h1>
      <Show when={terms.state === "ready" && terms()?.length} fallback={<p class="muted">{t("noMine")}</p>}>
        <ul class="cards" id="my-advisor-terms">
          <For each={terms()}>
            {(term) => (
              <li class="card">
                <strong>{term.title}</strong>
                <div class="muted">{`${term.startsOn} – ${term.endsOn} · ${t("host", { host: term.host })}`}</div>
                <div>{term.duties}</div>
                <span class={term.closedOn ? "tag ok" : "tag"}>
                  {term.closedOn
                    ? t("ended", { date: term.closedOn })
                    : term.startsOn > today()
                      ? t("upcoming")
                      : t("running")}
                </span>
                <div>{t("taking", { meetings: count(term, "meeting"), tasks: count(term, "task") })}</div>
                <Show when={term.entries.length} fallback={<p class="muted">{t("noEntries")}</p>}>
                  <ul class="plain">
                    <For each={term.entries}>{(e) => <li>{`${e.on} · ${t(e.kind)} · ${e.work}`}</li>}</For>
                  </ul>
                </Show>
                <Show when={!term.closedOn && term.startsOn <= today()}>
                  <Record term={term} done={refetch} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
