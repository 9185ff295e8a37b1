import { useParams } from "@solidjs/router";
import { For, onMount, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm, requireFilled } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime, formatScore } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { messages } from "./messages";

/** Essays waiting for a person: each graded in points out of the question's, with a comment. */
export default function GradingPage() {
  const t = useT(messages);
  const params = useParams();
  const queue = createPagedList((offset) =>
    call(api.quizzes[":id"].grading.$get({ param: { id: params.id as string }, query: { offset: String(offset) } })),
  );
  onMount(() => void queue.load());
  return (
    <section class="page">
      <h1>{t("grading")}</h1>
      <Feedback error={queue.error()} />
      <For each={queue.items()} fallback={<p class="muted">{queue.loaded() ? t("queueEmpty") : t("loading")}</p>}>
        {(item) => {
          const action = createAction(() => t("graded"), queue.load);
          const grade = async (f: FormData, form: HTMLFormElement) => {
            requireFilled(form);
            await call(
              api.attempts[":id"].slots[":slot"].grade.$post({
                param: { id: item.attemptId, slot: String(item.slot) },
                json: {
                  fraction: Math.min(1, Math.max(0, Number(f.get("fraction")) / item.points)),
                  comment: String(f.get("comment") ?? ""),
                },
              }),
            );
          };
          return (
            <div class="card">
              <p>
                <strong>{t("member")}</strong> {item.member} · {formatDateTime(item.submittedAt)}{" "}
                <Show when={item.flag}>
                  <span class="tag">{t("flagged")}</span>
                </Show>
              </p>
              <p>{item.stem}</p>
              <blockquote>{(item.response as { text?: string } | null)?.text ?? ""}</blockquote>
              <ActionForm action={action} onSubmit={grade} submit={t("grade")} novalidate>
                <Field label={t("pointsOutOf", { m: formatScore(item.points) })} name="fraction">
                  <input name="fraction" type="number" min="0" max={item.points} step="0.5" required />
                </Field>
                <Field label={t("comment")} name="comment">
                  <textarea name="comment" />
                </Field>
              </ActionForm>
            </div>
          );
        }}
      </For>
      <Pager next={queue.next()} onMore={() => void queue.more()} />
    </section>
  );
}
