import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { messages } from "./messages";

export default function QuizzesPage() {
  const t = useT(messages);
  const navigate = useNavigate();
  const [mine] = createResource(() => call(api.my.quizzes.$get()));
  const [managed] = createResource(() =>
    hasRole("school", "admin") ? call(api.quizzes.$get()) : Promise.resolve({ items: [] }),
  );
  const [error, setError] = createSignal<unknown>(null);
  const start = async (id: string) => {
    try {
      const a = await call(api.quizzes[":id"].attempts.$post({ param: { id } }));
      navigate(`/quizzes/attempt/${a.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="page">
      <h1>{t("myQuizzes")}</h1>
      <p>
        <A href="/quizzes/practice">{t("practice")}</A>
      </p>
      <Feedback error={error()} />
      <div class="cards">
        <For each={mine()?.items ?? []} fallback={<p class="muted">{t("noQuizzes")}</p>}>
          {(q) => (
            <article class="card">
              <h2>
                <A href={`/quizzes/take/${q.id}`}>{q.title}</A>
              </h2>
              <p class="muted">
                {q.closeAt ? `${t("closes")} ${formatDateTime(q.closeAt)}` : ""}{" "}
                {q.timeLimitSec ? t("limit", { m: Math.round(q.timeLimitSec / 60) }) : ""}
              </p>
              <p class="muted">
                {q.attemptsAllowed === 0
                  ? t("attemptsUnlimited", { n: q.attempts })
                  : t("attemptsOf", { n: q.attempts, m: q.attemptsAllowed })}
              </p>
              <p class="row">
                <Show
                  when={q.hasOpen || q.attemptsAllowed === 0 || q.attempts < q.attemptsAllowed}
                  fallback={<span class="muted">{t("noAttemptsLeft")}</span>}
                >
                  <button type="button" class="primary" onClick={() => start(q.id)}>
                    {q.hasOpen ? t("resume") : t("start")}
                  </button>
                </Show>
                <Show when={q.lastResultId}>{(id) => <A href={`/quizzes/attempt/${id()}`}>{t("lastResult")}</A>}</Show>
              </p>
            </article>
          )}
        </For>
      </div>
      <Show when={hasRole("school", "admin")}>
        <h2>{t("manage")}</h2>
        <p class="row">
          <A href="/quizzes/build/new">{t("newQuiz")}</A>
          <A href="/quizzes/banks">{t("banks")}</A>
        </p>
        <div class="table-wrap">
          <table>
            <tbody>
              <For each={managed()?.items ?? []}>
                {(q) => (
                  <tr>
                    <td>{q.title}</td>
                    <td>
                      <A href={`/quizzes/build/${q.id}`}>{t("edit")}</A> ·{" "}
                      <A href={`/quizzes/${q.id}/stats`}>{t("stats")}</A> ·{" "}
                      <A href={`/quizzes/${q.id}/grading`}>{t("grading")}</A>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
