import { A } from "@solidjs/router";
import { createResource, For, Show, Suspense } from "solid-js";
import { api, call } from "../../api";
import { formatHours } from "../../components/format";
import { useT } from "../../i18n";
import { CourseItem } from "./CourseItem";
import { courseMessages } from "./messages";
// Imported with the page, so its modules arrive beside the page's own (Chartist itself still waits for an
// idle moment): lazily, they were three round trips after the data, and the page waited for them.
import { StudyChart } from "./StudyChart";

const load = () => call(api.study.mine.$get());

/**
 * The member's study: hours this year against the quota, where to continue, required and elective courses.
 * `data` is the request its route sent on entry (web/routes.ts), already under way while this chunk loaded.
 */
export default function MyStudyPage(props: { data?: ReturnType<typeof load> }) {
  const t = useT(courseMessages);
  const [data] = createResource(() => props.data ?? load());
  return (
    <section class="page">
      <h1>{t("myStudy")}</h1>
      {/* The page's content appears once, with its chart's frame: nothing moves when Chartist draws. */}
      <Suspense>
        <Show when={data()}>
          {(d) => (
            <>
              <div class="card hours">
                <span>{t("hoursYear", { y: d().year })}</span>
                <strong data-testid="study-hours">
                  {t("hoursOf", { h: formatHours(d().counted), q: formatHours(d().quota) })}
                </strong>
                <span class="muted" data-testid="study-hours-split">
                  {t("hoursSplit", { on: formatHours(d().hours), off: formatHours(d().offlineHours) })}
                </span>
                <div class="progress grow" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, (d().counted / (d().quota || 1)) * 100)}%` }} />
                </div>
                <span class="muted" data-testid="quota-kind">
                  {t(`quotaFor_${d().quotaRole}`)}
                </span>
              </div>
              <StudyChart year={d().year} months={d().months} quota={d().quota} />
              <Show when={d().continue}>
                {(c) => (
                  <p>
                    <A class="button primary" href={`/courses/${c().courseId}/lessons/${c().lessonId}`}>
                      {t("continueAt", { course: c().courseTitle, lesson: c().lessonTitle })}
                    </A>
                  </p>
                )}
              </Show>
              <h2>{t("required")}</h2>
              <ul class="cards">
                <For each={d().required} fallback={<li class="muted">{t("noneAssigned")}</li>}>
                  {(i) => <CourseItem item={i} />}
                </For>
              </ul>
              <Show when={d().elective.length > 0}>
                <h2>{t("elective")}</h2>
                <ul class="cards">
                  <For each={d().elective}>{(i) => <CourseItem item={i} />}</For>
                </ul>
              </Show>
              <p>
                <A href="/catalogue">{t("catalogue")}</A>
              </p>
            </>
          )}
        </Show>
      </Suspense>
    </section>
  );
}
