import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";
import { nominationMessages } from "./nominationMessages";

/** The cultivation plan as the records measure it; a mentor marks tasks done here. */
export function PlanProgress(props: { reserveId: string; showName?: boolean }) {
  const t = useT(nominationMessages);
  const tt = useT(talentMessages);
  const [plan, { refetch }] = createResource(
    () => props.reserveId || null,
    (id) => call(api.talent.reserves[":id"].plan.$get({ param: { id } })),
  );
  const marking = createAction(() => t("markedDone"), refetch);
  const markDone = (itemId: string) =>
    marking.run(() =>
      call(
        api.talent.reserves[":id"].tasks[":itemId"].done.$post({
          param: { id: props.reserveId, itemId },
          json: { on: today() },
        }),
      ),
    );
  return (
    <Show when={plan.state === "ready" && plan()}>
      {(p) => (
        <section id="plan-progress">
          <Show when={props.showName}>
            <h1>{p().memberName}</h1>
          </Show>
          <Show when={p().percent !== null}>
            <h2>{t("progress", { percent: p().percent ?? 0 })}</h2>
            <progress max="100" value={p().percent ?? 0} aria-label={t("progress", { percent: p().percent ?? 0 })} />
            <ul class="cards">
              <For each={p().items}>
                {(i) => (
                  <li class="card plan-item">
                    <strong>{i.title}</strong> <span class="muted">{`${Math.round(i.share * 100)}%`}</span>
                    <Show when={i.kind === "course"}>
                      <div>{t("courseDone", { done: i.done ?? 0, lessons: i.lessons ?? 0, hours: i.hours ?? 0 })}</div>
                    </Show>
                    <Show when={i.kind === "practice"}>
                      <div>
                        {i.grade ? t("practiceGraded", { grade: tt(i.grade as "competent") }) : t("practicePending")}
                      </div>
                    </Show>
                    <Show when={i.kind === "task"}>
                      <div>{i.doneOn ? t("taskDone", { on: i.doneOn }) : t("taskOpen")}</div>
                      <Show when={p().mentor && !i.doneOn}>
                        <button type="button" disabled={marking.busy()} onClick={() => markDone(i.id)}>
                          {t("markDone")}
                        </button>
                      </Show>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Feedback error={marking.error()} notice={marking.notice()} />
          </Show>
        </section>
      )}
    </Show>
  );
}
