import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { useT } from "../../i18n";
import { messages } from "./messages";

export default function GradingPage() {
  const t = useT(messages);
  const params = useParams();
  const [queue, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.quizzes[":id"].grading.$get({ param: { id }, query: {} })),
  );
  const [error, setError] = createSignal<unknown>(null);
  const grade = async (e: SubmitEvent, attemptId: string, slot: number) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await call(
        api.attempts[":id"].slots[":slot"].grade.$post({
          param: { id: attemptId, slot: String(slot) },
          json: { fraction: Number(f.get("fraction")), comment: String(f.get("comment") ?? "") },
        }),
      );
      await refetch();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="page">
      <h1>{t("grading")}</h1>
      <Feedback error={error()} />
      <For each={queue()?.items ?? []} fallback={<p class="muted">{t("queueEmpty")}</p>}>
        {(item) => (
          <form class="card form" onSubmit={(e) => grade(e, item.attemptId, item.slot)}>
            <p>
              <strong>{t("member")}</strong> {item.member}{" "}
              <Show when={item.flag}>
                <span class="tag">{t("flagged")}</span>
              </Show>
            </p>
            <p>{item.stem}</p>
            <blockquote>{(item.response as { text?: string } | null)?.text ?? ""}</blockquote>
            <label for={`f-${item.attemptId}-${item.slot}`}>{t("fraction")}</label>
            <input
              id={`f-${item.attemptId}-${item.slot}`}
              name="fraction"
              type="number"
              min="0"
              max="1"
              step="0.05"
              required
            />
            <label for={`c-${item.attemptId}-${item.slot}`}>{t("comment")}</label>
            <textarea id={`c-${item.attemptId}-${item.slot}`} name="comment" />
            <button type="submit" class="primary">
              {t("grade")}
            </button>
          </form>
        )}
      </For>
    </section>
  );
}
