import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

const PERIODS = ["year", "quarter", "class"] as const;

/** A committee assigns published courses to its subtree as a plan (quotas are on the study rules page). */
export default function AssignPage() {
  const t = useT(courseMessages);
  const [orgId, setOrgId] = createSignal("");
  const [period, setPeriod] = createSignal<(typeof PERIODS)[number]>("year");
  const [courses] = createResource(() => call(api.catalogue.$get({ query: { limit: "200" } })));
  const [plans, { refetch: refetchPlans }] = createResource(orgId, (id) =>
    id ? call(api.orgs[":id"].plans.$get({ param: { id } })) : null,
  );

  const planAction = createAction(() => t("assigned"), refetchPlans);

  const submit = async (f: FormData, form: HTMLFormElement) => {
    const due = String(f.get("dueAt") ?? "");
    const required = f.get("required") === "required";
    const audience = f.get("audience") as "all" | "secretary";
    await call(
      api.plans.$post({
        json: {
          orgId: orgId(),
          title: String(f.get("title")),
          period: period(),
          // A 发展对象培训班 is a class whose completions count as a candidate's training.
          purpose: period() === "class" && f.get("purpose") === "candidate_training" ? "candidate_training" : "study",
          year: Number(f.get("year")),
          quarter: period() === "quarter" ? Number(f.get("quarter")) : null,
          items: f.getAll("course").map((courseId) => ({
            courseId: String(courseId),
            required,
            audience,
            // End of the due day in China Standard Time.
            dueAt: due ? Date.parse(`${due}T23:59:59+08:00`) : null,
          })),
        },
      }),
    );
    form.reset();
  };

  return (
    <section class="page">
      <h1>{t("assignTitle")}</h1>
      <div class="form">
        <OrgPicker roles={["admin", "school"]} value={orgId()} onChange={setOrgId} />
      </div>
      <h2>{t("plan")}</h2>
      <ActionForm action={planAction} onSubmit={submit} submit={t("assign")} disabled={!orgId()}>
        <Field label={t("planTitle")} name="title">
          <input name="title" required maxlength="100" />
        </Field>
        <div class="row">
          <Field label={t("period")}>
            <select id="p-period" value={period()} onChange={(e) => setPeriod(e.currentTarget.value as "year")}>
              <For each={PERIODS}>{(p) => <option value={p}>{t(`period_${p}`)}</option>}</For>
            </select>
          </Field>
          <Field label={t("year")} name="year">
            <input id="p-year" name="year" type="number" min="2000" max="2100" value={new Date().getFullYear()} />
          </Field>
          <Show when={period() === "quarter"}>
            <Field label={t("quarter")} name="quarter">
              <select id="p-quarter" name="quarter">
                <For each={[1, 2, 3, 4]}>{(q) => <option value={q}>{q}</option>}</For>
              </select>
            </Field>
          </Show>
        </div>
        <Show when={period() === "class"}>
          <label class="check">
            <input type="checkbox" name="purpose" value="candidate_training" /> {t("purpose_candidate_training")}
          </label>
        </Show>
        <fieldset>
          <legend>{t("courses")}</legend>
          <For each={courses()?.items}>
            {(c) => (
              <label class="check">
                <input type="checkbox" name="course" value={c.id} /> {c.title}{" "}
                <span class="muted">{t(`cat_${c.category as "other"}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="row">
          <Field label={t("required")} name="required">
            <select id="p-required" name="required">
              <option value="required">{t("required")}</option>
              <option value="elective">{t("elective")}</option>
            </select>
          </Field>
          <Field label={t("audience")} name="audience">
            <select id="p-audience" name="audience">
              <option value="all">{t("aud_all")}</option>
              <option value="secretary">{t("aud_secretary")}</option>
            </select>
          </Field>
          <Field label={t("dueAt")} name="dueAt">
            <input id="p-due" name="dueAt" type="date" />
          </Field>
        </div>
      </ActionForm>
      <h2>{t("plans")}</h2>
      <ul class="cards">
        <For each={plans()?.items}>
          {(p) => (
            <li class="card plan">
              <strong>
                {p.title} · {p.year} {t(`period_${p.period}`)}
              </strong>
              <Show when={p.purpose === "candidate_training"}>
                {" "}
                <span class="tag">{t("tag_candidate_training")}</span>
              </Show>
              <ul>
                <For each={p.items as { id: string; courseTitle: string; required: boolean; dueAt: number | null }[]}>
                  {(i) => (
                    <li>
                      {i.courseTitle} <span class="tag">{i.required ? t("required") : t("elective")}</span>{" "}
                      <span class="muted">{i.dueAt ? t("due", { d: formatDate(i.dueAt) }) : ""}</span>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ul>
      <p>
        <A href="/study/rules">{t("rulesLink")}</A>
      </p>
    </section>
  );
}
