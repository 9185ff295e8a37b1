import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { messages } from "./messages";
import { Question, type QView } from "./Question";

export default function PracticePage() {
  const t = useT(messages);
  const [data, { mutate }] = createResource(() => call(api.practice.$get()));
  const [drafts, setDrafts] = createSignal<Record<number, unknown>>({});
  const checking = createAction(() => "");
  const check = (index: number) =>
    checking.run(async () =>
      mutate(await call(api.practice.answer.$post({ json: { index, response: drafts()[index] as never } }))),
    );
  return (
    <section class="page">
      <h1>{t("practice")}</h1>
      <p class="muted">{t("practiceHelp")}</p>
      <Feedback error={checking.error() || data.error} />
      <Show when={data()}>
        {(d) => (
          <>
            <p>
              {t("streak", { n: formatNumber(d().streak, 0) })} ·{" "}
              {t("correctToday", { n: formatNumber(d().correct, 0) })}
            </p>
            <For each={d().questions as unknown as QView[]}>
              {(q, i) => (
                <div class="card">
                  <Question
                    q={q}
                    response={q.response ?? drafts()[i()]}
                    disabled={q.response != null}
                    onChange={(r) => setDrafts({ ...drafts(), [i()]: r })}
                  />
                  <Show when={q.response == null}>
                    <button
                      type="button"
                      disabled={drafts()[i()] == null || checking.busy()}
                      onClick={() => check(i())}
                    >
                      {t("check")}
                    </button>
                  </Show>
                </div>
              )}
            </For>
          </>
        )}
      </Show>
    </section>
  );
}
