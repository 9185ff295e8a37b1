import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { CATEGORIES, LEVELS } from "./labels";
import { courseMessages } from "./messages";

/** A party school's courses and the form for a new one. */
export default function SchoolCoursesPage() {
  const t = useT(courseMessages);
  const navigate = useNavigate();
  const [schools] = createResource(async () => (await call(api.orgs.$get())).items.filter((o) => o.kind === "school"));
  const [schoolId, setSchoolId] = createSignal("");
  const current = () => schoolId() || schools()?.[0]?.id || "";
  const [list] = createResource(current, (id) =>
    id ? call(api.schools[":id"].courses.$get({ param: { id }, query: {} })) : null,
  );
  const { run, error } = createAction(() => "");

  const create = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    return run(async () => {
      const r = await call(
        api.courses.$post({
          json: {
            schoolOrgId: current(),
            title: String(f.get("title")),
            summary: String(f.get("summary") ?? ""),
            category: f.get("category") as (typeof CATEGORIES)[number],
            level: f.get("level") as (typeof LEVELS)[number],
          },
        }),
      );
      navigate(`/school/courses/${r.id}`);
    });
  };

  return (
    <section class="page">
      <h1>{t("schoolCourses")}</h1>
      <Show when={(schools()?.length ?? 0) > 1}>
        <label for="school">{t("school")}</label>
        <select id="school" value={current()} onChange={(e) => setSchoolId(e.currentTarget.value)}>
          <For each={schools()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
        </select>
      </Show>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("title")}</th>
              <th>{t("category")}</th>
              <th>{t("lessons")}</th>
              <th>{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={list()?.items}
              fallback={
                <tr>
                  <td colspan="4" class="muted">
                    {t("noCourses")}
                  </td>
                </tr>
              }
            >
              {(c) => (
                <tr>
                  <td>
                    <A href={`/school/courses/${c.id}`}>{c.title}</A>
                    <div class="muted">{formatDate(c.updatedAt)}</div>
                  </td>
                  <td>{t(`cat_${c.category}`)}</td>
                  <td>{c.lessons}</td>
                  <td>
                    <span class="tag">{t(`st_${c.status}`)}</span>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <h2>{t("newCourse")}</h2>
      <form class="form" onSubmit={create}>
        <label for="c-title">{t("title")}</label>
        <input id="c-title" name="title" required maxlength="100" />
        <Show when={fieldText(error(), "title")}>
          <p class="field-error">{fieldText(error(), "title")}</p>
        </Show>
        <label for="c-summary">{t("summary")}</label>
        <textarea id="c-summary" name="summary" rows="3" maxlength="2000" />
        <label for="c-category">{t("category")}</label>
        <select id="c-category" name="category">
          <For each={CATEGORIES}>{(c) => <option value={c}>{t(`cat_${c}`)}</option>}</For>
        </select>
        <label for="c-level">{t("level")}</label>
        <select id="c-level" name="level">
          <For each={LEVELS}>{(l) => <option value={l}>{t(`lvl_${l}`)}</option>}</For>
        </select>
        <Feedback error={error()} />
        <button type="submit" class="primary" disabled={!current()}>
          {t("create")}
        </button>
      </form>
    </section>
  );
}
