import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { formatDate, formatHours } from "../../components/format";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

type Item = Awaited<ReturnType<typeof load>>["required"][number];
const load = () => call(api.study.mine.$get());

function CourseItem(props: { item: Item }) {
  const t = useT(courseMessages);
  const i = () => props.item;
  const pct = () => (i().lessons ? Math.round((i().lessonsDone / i().lessons) * 100) : 0);
  return (
    <li class="card study-item">
      <div class="grow">
        <A href={`/courses/${i().courseId}`}>
          <strong>{i().title}</strong>
        </A>
        <div class="muted">
          {t(`cat_${i().category as "other"}`)}
          <Show when={i().dueAt}> · {t("due", { d: formatDate(i().dueAt) })}</Show>
        </div>
        <div class="progress" role="progressbar" aria-valuenow={pct()} aria-valuemin="0" aria-valuemax="100">
          <span style={{ width: `${pct()}%` }} />
        </div>
        <span class="muted">{t("progress", { a: i().lessonsDone, b: i().lessons })}</span>
      </div>
      <Show when={i().completion?.status === "credited"}>
        <span class="tag ok">{t("done")}</span>
      </Show>
      <Show when={i().completion?.status === "flagged"}>
        <span class="tag">{t("flagged")}</span>
      </Show>
      <Show when={i().overdue}>
        <span class="tag warn">{t("overdue")}</span>
      </Show>
    </li>
  );
}

/** The member's study: hours this year against the quota, where to continue, required and elective courses. */
export default function MyStudyPage() {
  const t = useT(courseMessages);
  const [data] = createResource(load);
  return (
    <section class="page">
      <h1>{t("myStudy")}</h1>
      <Show when={data()}>
        {(d) => (
          <>
            <div class="card hours">
              <span>{t("hoursYear", { y: d().year })}</span>
              <strong data-testid="study-hours">
                {t("hoursOf", { h: formatHours(d().hours), q: formatHours(d().quota) })}
              </strong>
              <div class="progress grow" aria-hidden="true">
                <span style={{ width: `${Math.min(100, (d().hours / (d().quota || 1)) * 100)}%` }} />
              </div>
            </div>
            <Show when={d().continue}>
              {(c) => (
                <p>
                  <A class="button primary" href={`/courses/${c().courseId}/lessons/${c().lessonId}`}>
                    {t("continue")}: {c().courseTitle} · {c().lessonTitle}
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
    </section>
  );
}
