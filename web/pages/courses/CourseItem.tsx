import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { api, call } from "../../api";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

type Item = Awaited<ReturnType<typeof loadMine>>["required"][number];
const loadMine = () => call(api.study.mine.$get());

/** One assigned course with the member's progress: on their own page and in their overseer's drill-down. */
export function CourseItem(props: { item: Item }) {
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
        <div
          class="progress"
          role="progressbar"
          aria-label={`${i().title} ${t("progress", { a: i().lessonsDone, b: i().lessons })}`}
          aria-valuenow={pct()}
          aria-valuemin="0"
          aria-valuemax="100"
        >
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
