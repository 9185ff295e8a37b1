import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { messages } from "./messages";
import { Question, type QView } from "./Question";

export default function PracticePage() {
  const t = useT(messages);
  const [data, { mutate }] = createResource(() => call(api.practice.$get()));
  const [drafts, setDrafts] = createSignal<Record<number, unknown>>({});
  const [error, setError] = createSignal<unknown>(null);
  const check = async (index: number) => {
    try {
      mutate(await call(api.practice.answer.$post({ json: { index, response: drafts()[index] as never } })));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="page">
      <h1>{t("practice")}</h1>
      <p class="muted">{t("practiceHelp")}</p>
      <Show when={error() || data.error}>
        <p class="error" role="alert">
          {failureText(error() || data.error)}
        </p>
      </Show>
      <Show when={data()}>
        {(d) => (
          <>
            <p>
              {t("streak", { n: d().streak })} · {t("correctToday", { n: d().correct })}
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
                    <button type="button" disabled={drafts()[i()] == null} onClick={() => check(i())}>
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
