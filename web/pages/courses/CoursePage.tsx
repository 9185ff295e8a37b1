import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatHours } from "../../components/format";
import { useT } from "../../i18n";
import { offlineLessons } from "../../pwa/offline";
import { creditParams } from "./labels";
import { courseMessages } from "./messages";
import { OfflineMark } from "./OfflineMark";

/** A course: outline with this member's progress, where to start, and the certificate once credited. */
export default function CoursePage() {
  const t = useT(courseMessages);
  const params = useParams();
  const [detail, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.courses[":id"].$get({ param: { id } })),
  );
  // Lessons kept on this device for offline (null without a service worker: nothing to offer then).
  const [kept, keptChanged] = createResource(() => params.id, offlineLessons);
  const allDone = () => (detail()?.lessons ?? []).every((l) => l.progress?.completedAt);
  // Lessons done, checkpoint passed, no completion yet: the member completes the course from here.
  const { run, error } = createAction(() => "", refetch);
  const complete = (id: string) => run(() => call(api.courses[":id"].complete.$post({ param: { id } })));
  const next = () => detail()?.lessons.find((l) => !l.progress?.completedAt) ?? detail()?.lessons[0];
  return (
    <section class="page">
      <Feedback error={detail.error} />
      <Show when={detail()}>
        {(d) => (
          <>
            <h1>{d().course.title}</h1>
            <p>
              <span class="tag">{t(`cat_${d().course.category}`)}</span>{" "}
              <span class="muted">
                {t(`lvl_${d().course.level}`)} · {t("minutesN", { n: d().course.minutes })} ·{" "}
                {t("credit", creditParams(t, d().course.credit))}
              </span>
            </p>
            <p>{d().course.summary}</p>
            <Show when={d().completion}>
              {(c) => (
                <p classList={{ ok: c().status === "credited", warn: c().status !== "credited" }} role="status">
                  {c().status === "credited" ? t("completedCourse", creditParams(t, c().hours)) : t("flaggedCourse")}{" "}
                  <Show when={c().status === "credited"}>
                    <A href={`/certificates/${c().id}`}>{t("viewCertificate")}</A>
                  </Show>
                </p>
              )}
            </Show>
            <Show when={d().checkpoint && !d().completion && d().course.status === "published" ? d().checkpoint : null}>
              {(cp) => (
                <>
                  <p role="status" data-testid="checkpoint">
                    <Show
                      when={cp().passed && allDone()}
                      fallback={
                        <Show
                          when={cp().unlocked && !cp().passed}
                          fallback={
                            cp().passed ? "" : t("checkpointLocked", { s: cp().studiedPercent, u: cp().unlockPercent })
                          }
                        >
                          {t("checkpointPending", { s: cp().studiedPercent, b: formatHours(cp().bonus) })}{" "}
                          <A class="button primary" href={`/quizzes/take/${cp().quizId}`}>
                            {t("checkpointTake")}：{cp().title}
                          </A>
                        </Show>
                      }
                    >
                      {t("checkpointPassedNote")}{" "}
                      <button type="button" class="primary" onClick={() => complete(d().course.id)}>
                        {t("completeNow")}
                      </button>
                    </Show>
                  </p>
                  <Feedback error={error()} />
                </>
              )}
            </Show>
            <Show when={next() && d().course.status === "published"}>
              <p>
                <A class="button primary" href={`/courses/${d().course.id}/lessons/${next()?.id}`}>
                  {d().lessons.some((l) => l.progress) ? t("continue") : t("start")}
                </A>
              </p>
            </Show>
            <Show when={d().canEdit}>
              <p>
                <A href={`/school/courses/${d().course.id}`}>{t("edit")}</A>
              </p>
            </Show>
            <h2>{t("lessonList")}</h2>
            <ol class="cards">
              <For each={d().lessons}>
                {(l) => (
                  <li class="card">
                    <A href={`/courses/${d().course.id}/lessons/${l.id}`}>{l.title}</A>
                    <span class="muted">
                      {t(`kind_${l.kind}`)} · {t("minutesN", { n: l.minutes })}
                    </span>
                    <Show when={l.progress?.completedAt}>
                      <span class="tag ok">{t("done")}</span>
                    </Show>
                    {/* Video is never kept for offline: too large for a phone's cache. */}
                    <Show when={kept() && l.kind !== "video"}>
                      <OfflineMark
                        courseId={d().course.id}
                        lessonId={l.id}
                        title={l.title}
                        kept={kept()?.includes(l.id) ?? false}
                        onChange={() => void keptChanged.refetch()}
                      />
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </section>
  );
}
