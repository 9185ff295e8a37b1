import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate, formatHours } from "../../components/format";
import { useT } from "../../i18n";
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
  const action = createAction(() => "");

  const create = (f: FormData) =>
    call(
      api.courses.$post({
        json: {
          schoolOrgId: current(),
          title: String(f.get("title")),
          summary: String(f.get("summary") ?? ""),
          category: f.get("category") as (typeof CATEGORIES)[number],
          level: f.get("level") as (typeof LEVELS)[number],
        },
      }),
    ).then((r) => navigate(`/school/courses/${r.id}`));

  return (
    <section class="page">
      <h1>{t("schoolCourses")}</h1>
      <Show when={(schools()?.length ?? 0) > 1}>
        <Field label={t("school")}>
          <select value={current()} onChange={(e) => setSchoolId(e.currentTarget.value)}>
            <For each={schools()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </Field>
      </Show>
      <DataTable
        empty={t("noCourses")}
        rows={list()?.items}
        columns={[
          {
            header: t("title"),
            cell: (c) => (
              <>
                <A href={`/school/courses/${c.id}`}>{c.title}</A>
                <div class="muted">{formatDate(c.updatedAt)}</div>
              </>
            ),
          },
          { header: t("category"), cell: (c) => t(`cat_${c.category}`) },
          { header: t("lessonCount"), cell: (c) => c.lessons },
          { header: t("creditCol"), cell: (c) => formatHours(c.credit) },
          { header: t("status"), cell: (c) => <span class="tag">{t(`st_${c.status}`)}</span> },
        ]}
      />
      <h2>{t("newCourse")}</h2>
      <ActionForm action={action} onSubmit={create} submit={t("create")} disabled={!current()}>
        <Field label={t("title")} name="title">
          <input name="title" required maxlength="100" />
        </Field>
        <Field label={t("summary")} name="summary">
          <textarea name="summary" rows="3" maxlength="2000" />
        </Field>
        <Field label={t("category")}>
          <select name="category">
            <For each={CATEGORIES}>{(c) => <option value={c}>{t(`cat_${c}`)}</option>}</For>
          </select>
        </Field>
        <Field label={t("level")}>
          <select name="level">
            <For each={LEVELS}>{(l) => <option value={l}>{t(`lvl_${l}`)}</option>}</For>
          </select>
        </Field>
      </ActionForm>
    </section>
  );
}
