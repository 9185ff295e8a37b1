import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { FileInput } from "../../components/FileInput";
import { useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { CATEGORIES, creditParams, KINDS, LEVELS } from "./labels";
import { courseMessages } from "./messages";

type Kind = (typeof KINDS)[number];

/** Uploads one file to the course's materials (R2) through the typed client, with the raw file as body. */
async function upload(courseId: string, file: File) {
  return call(
    api.courses[":id"].materials.$post(
      { param: { id: courseId }, query: { name: file.name } },
      { init: { body: file, headers: { "Content-Type": file.type || "application/octet-stream" } } },
    ),
  );
}

export default function CourseEditorPage() {
  const t = useT(courseMessages);
  const ts = useT(shellMessages);
  const params = useParams();
  const [detail, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.courses[":id"].$get({ param: { id } })),
  );
  // The school's quizzes that may serve as this course's checkpoint (the server checks it again).
  const [quizzes] = createResource(() => call(api.quizzes.$get()));
  const checkpointOptions = () =>
    (quizzes()?.items ?? []).filter(
      (q) => (q.ownerOrgId === detail()?.course.schoolOrgId && !q.courseId) || q.courseId === detail()?.course.id,
    );
  const [kind, setKind] = createSignal<Kind>("text");
  const id = () => params.id ?? "";
  const course = createAction(() => "", refetch);
  const lesson = createAction(() => "", refetch);
  const busy = () => course.busy() || lesson.busy();

  const saveCourse = (f: FormData) => {
    const credit = String(f.get("creditHours") ?? "").trim();
    const cover = String(f.get("coverUrl") ?? "").trim();
    const uploaded = Boolean(detail()?.course.coverKey);
    const checkpoint = String(f.get("checkpointQuizId") ?? "");
    return call(
      api.courses[":id"].$patch({
        param: { id: id() },
        json: {
          title: String(f.get("title")),
          summary: String(f.get("summary") ?? ""),
          category: f.get("category") as (typeof CATEGORIES)[number],
          level: f.get("level") as (typeof LEVELS)[number],
          tags: String(f.get("tags") ?? "")
            .split(/[,，]/)
            .map((s) => s.trim())
            .filter(Boolean),
          ...(uploaded ? {} : { coverUrl: cover || null }),
          creditHours: credit ? Number(credit) : null,
          checkpointQuizId: checkpoint || null,
        },
      }),
    );
  };

  const addLesson = async (f: FormData, form: HTMLFormElement) => {
    const file = f.get("file");
    let materialKey: string | null = null;
    if (file instanceof File && file.size > 0) materialKey = (await upload(id(), file)).key;
    const videoUrl = String(f.get("videoUrl") ?? "").trim();
    await call(
      api.courses[":id"].lessons.$post({
        param: { id: id() },
        json: {
          kind: kind(),
          title: String(f.get("title")),
          body: kind() === "text" ? String(f.get("body") ?? "") : undefined,
          videoUrl: kind() === "video" && videoUrl ? videoUrl : null,
          materialKey,
          minutes: Number(f.get("minutes")),
        },
      }),
    );
    form.reset();
    // reset() put the kind back to its first option; keep the one being used.
    (form.elements.namedItem("kind") as HTMLSelectElement).value = kind();
  };

  // The cover goes to the course's materials (R2) like any file; the server checks it is an image of this course.
  const uploadCover = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    return course.run(async () => {
      const stored = await upload(id(), file);
      await call(api.courses[":id"].$patch({ param: { id: id() }, json: { coverKey: stored.key } }));
      input.value = "";
    });
  };
  const removeCover = () =>
    course.run(() =>
      call(api.courses[":id"].$patch({ param: { id: id() }, json: { coverUrl: null, coverKey: null } })),
    );

  const moveUp = (index: number) => {
    const ids = (detail()?.lessons ?? []).map((l) => l.id);
    if (index < 1) return;
    [ids[index - 1], ids[index]] = [ids[index] as string, ids[index - 1] as string];
    return course.run(() =>
      call(api.courses[":id"].lessons.reorder.$post({ param: { id: id() }, json: { lessonIds: ids } })),
    );
  };

  return (
    <section class="page">
      <Show when={detail()} fallback={<p class="muted">…</p>}>
        {(d) => (
          <>
            <h1>{t("courseEditor")}</h1>
            <p>
              <span class="tag">{t(`st_${d().course.status}`)}</span>{" "}
              <span class="muted">
                {t("minutesN", { n: d().course.minutes })} · {t("credit", creditParams(t, d().course.credit))} ·{" "}
                {t("checkpoint")}: {d().checkpoint?.title ?? t("checkpointNone")}
              </span>
            </p>
            <div class="row no-print">
              <Show when={d().course.status !== "published"}>
                <button
                  type="button"
                  class="primary"
                  disabled={busy()}
                  onClick={() => course.run(() => call(api.courses[":id"].publish.$post({ param: { id: id() } })))}
                >
                  {t("publish")}
                </button>
              </Show>
              <Show when={d().course.status === "published"}>
                <button
                  type="button"
                  disabled={busy()}
                  onClick={() => course.run(() => call(api.courses[":id"].archive.$post({ param: { id: id() } })))}
                >
                  {t("archive")}
                </button>
              </Show>
            </div>
            <Feedback error={course.error()} />
            <section class="form cover-editor" aria-label={t("cover")}>
              <Show when={d().course.coverUrl}>
                {(src) => <img class="cover" src={src()} alt={t("coverAlt", { t: d().course.title })} />}
              </Show>
              <Field label={t("uploadCover")} name="cover-file">
                <FileInput
                  id="e-cover-file"
                  name="cover-file"
                  accept="image/png,image/jpeg,image/webp"
                  disabled={busy()}
                  onFile={uploadCover}
                />
              </Field>
              <Show when={d().course.coverUrl}>
                <button type="button" disabled={busy()} onClick={removeCover}>
                  {t("removeCover")}
                </button>
              </Show>
            </section>
            <ActionForm action={course} onSubmit={saveCourse} submit={ts("save")} primary={false} feedback={false}>
              <Field label={t("title")} name="title">
                <input id="e-title" name="title" required maxlength="100" value={d().course.title} />
              </Field>
              <Field label={t("summary")} name="summary">
                <textarea id="e-summary" name="summary" rows="3" value={d().course.summary} />
              </Field>
              <Field label={t("category")} name="category">
                <select id="e-category" name="category" value={d().course.category}>
                  <For each={CATEGORIES}>{(c) => <option value={c}>{t(`cat_${c}`)}</option>}</For>
                </select>
              </Field>
              <Field label={t("level")} name="level">
                <select id="e-level" name="level" value={d().course.level}>
                  <For each={LEVELS}>{(l) => <option value={l}>{t(`lvl_${l}`)}</option>}</For>
                </select>
              </Field>
              <Field label={t("tags")} name="tags">
                <input id="e-tags" name="tags" value={d().course.tags.join(", ")} />
              </Field>
              <Show when={!d().course.coverKey}>
                <Field label={t("coverUrl")} name="coverUrl">
                  <input id="e-cover" name="coverUrl" type="url" value={d().course.coverUrl ?? ""} />
                </Field>
              </Show>
              <Field label={t("creditHours")} name="creditHours">
                <input
                  id="e-credit"
                  name="creditHours"
                  type="number"
                  step="0.25"
                  min="0"
                  max="20"
                  value={d().course.creditHours ?? ""}
                />
              </Field>
              <Field label={t("checkpoint")} name="checkpointQuizId">
                <select id="e-checkpoint" name="checkpointQuizId" value={d().course.checkpointQuizId ?? ""}>
                  <option value="">{t("checkpointNone")}</option>
                  <For each={checkpointOptions()}>{(q) => <option value={q.id}>{q.title}</option>}</For>
                </select>
              </Field>
            </ActionForm>
            <h2>{t("lessons")}</h2>
            <Show when={d().course.status !== "draft"}>
              <p class="muted">{t("publishedNote")}</p>
            </Show>
            <ol class="cards">
              <For each={d().lessons}>
                {(l, i) => (
                  <li class="card">
                    <span>
                      <strong>{l.title}</strong>{" "}
                      <span class="muted">
                        {t(`kind_${l.kind}`)} · {t("minutesN", { n: l.minutes })} · {t("version", { n: l.version })}
                      </span>
                    </span>
                    <span class="row">
                      <Show when={i() > 0}>
                        <button type="button" onClick={() => moveUp(i())}>
                          {t("up")}
                        </button>
                      </Show>
                      <button
                        type="button"
                        onClick={() =>
                          course.run(() =>
                            call(
                              api.courses[":id"].lessons[":lessonId"].$delete({ param: { id: id(), lessonId: l.id } }),
                            ),
                          )
                        }
                      >
                        {t("remove")}
                      </button>
                    </span>
                  </li>
                )}
              </For>
            </ol>
            <h2>{t("addLesson")}</h2>
            <ActionForm
              action={lesson}
              onSubmit={addLesson}
              submit={lesson.busy() ? t("uploading") : t("addLesson")}
              disabled={busy()}
            >
              <Field label={t("kind")} name="kind">
                <select id="l-kind" name="kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
                  <For each={KINDS}>{(k) => <option value={k}>{t(`kind_${k}`)}</option>}</For>
                </select>
              </Field>
              <Field label={t("lessonTitle")} name="title">
                <input id="l-title" name="title" required maxlength="100" />
              </Field>
              <Field label={t("minutes")} name="minutes">
                <input id="l-minutes" name="minutes" type="number" min="1" max="600" required />
              </Field>
              <Show when={kind() === "text"}>
                <Field label={t("body")} name="body">
                  <textarea id="l-body" name="body" rows="10" />
                </Field>
              </Show>
              <Show when={kind() === "video"}>
                <Field label={t("videoUrl")} name="videoUrl">
                  <input id="l-video" name="videoUrl" type="url" />
                </Field>
              </Show>
              <Show when={kind() !== "text"}>
                <Field label={t("file")} name="file">
                  <FileInput
                    id="l-file"
                    name="file"
                    accept={kind() === "video" ? "video/mp4,video/webm" : "application/pdf,.ppt,.pptx"}
                  />
                </Field>
              </Show>
            </ActionForm>
          </>
        )}
      </Show>
    </section>
  );
}
