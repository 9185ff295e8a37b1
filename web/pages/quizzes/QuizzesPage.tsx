import { A, useNavigate } from "@solidjs/router";
import { createEffect, createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime, formatNumber } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { hasRole, me } from "../../session";
import { AttemptsTable } from "./AttemptsTable";
import { messages } from "./messages";

export default function QuizzesPage() {
  const t = useT(messages);
  const navigate = useNavigate();
  // Quizzes to take and a history are a member's; a party school that only publishes sees its own list.
  const isMember = () => hasRole("member");
  const [mine] = createResource(isMember, () => call(api.my.quizzes.$get()));
  // Keyed on the session, so nothing is asked before it is known whether the caller manages quizzes.
  const [managed] = createResource(
    () => me() && hasRole("school", "admin"),
    () => call(api.quizzes.$get()),
  );
  const history = createPagedList((offset) =>
    call(api.my.quizzes.attempts.$get({ query: { offset: String(offset), limit: "20" } })),
  );
  createEffect(() => {
    if (isMember()) void history.load();
  });
  const starting = createAction(() => "");
  const start = (id: string) =>
    starting.run(async () => {
      const a = await call(api.quizzes[":id"].attempts.$post({ param: { id } }));
      navigate(`/quizzes/attempt/${a.id}`);
    });
  const n = (x: number) => formatNumber(x, 0);
  return (
    <section class="page">
      <h1>{isMember() ? t("myQuizzes") : t("manage")}</h1>
      <Show when={isMember()}>
        <p>
          <A href="/quizzes/practice">{t("practice")}</A>
        </p>
        <Feedback error={starting.error()} />
        <div class="cards">
          <For each={mine()?.items ?? []} fallback={<p class="muted">{mine() ? t("noQuizzes") : t("loading")}</p>}>
            {(q) => (
              <article class="card quiz-card">
                <h2>
                  <A href={`/quizzes/take/${q.id}`}>{q.title}</A>
                </h2>
                <Show when={q.closeAt || q.timeLimitSec}>
                  <p class="muted">
                    {q.closeAt ? `${t("closes")} ${formatDateTime(q.closeAt)}` : ""}{" "}
                    {q.timeLimitSec ? t("limit", { m: n(Math.round(q.timeLimitSec / 60)) }) : ""}
                  </p>
                </Show>
                <p class="muted">
                  {q.attemptsAllowed === 0
                    ? t("attemptsUnlimited", { n: n(q.attempts) })
                    : t("attemptsOf", { n: n(q.attempts), m: n(q.attemptsAllowed) })}
                </p>
                <p class="row">
                  <Show
                    when={q.hasOpen || q.attemptsAllowed === 0 || q.attempts < q.attemptsAllowed}
                    fallback={<span class="muted">{t("noAttemptsLeft")}</span>}
                  >
                    <button type="button" class="primary" disabled={starting.busy()} onClick={() => start(q.id)}>
                      {q.hasOpen ? t("resume") : t("start")}
                    </button>
                  </Show>
                  <Show when={q.lastResultId}>
                    {(id) => <A href={`/quizzes/attempt/${id()}`}>{t("lastResult")}</A>}
                  </Show>
                </p>
              </article>
            )}
          </For>
        </div>

        <h2>{t("history")}</h2>
        <Feedback error={history.error()} />
        <AttemptsTable rows={history.items()} withQuiz empty={history.loaded() ? t("historyEmpty") : undefined} />
        <Pager next={history.next()} onMore={() => void history.more()} />
      </Show>

      <Show when={hasRole("school", "admin")}>
        <Show when={isMember()}>
          <h2>{t("manage")}</h2>
        </Show>
        <p class="row actions">
          <A href="/quizzes/build/new">{t("newQuiz")}</A>
          <A href="/quizzes/banks">{t("banks")}</A>
        </p>
        <DataTable
          caption={t("manage")}
          rows={managed()?.items}
          empty={managed() ? t("noQuizzes") : undefined}
          columns={[
            { header: t("title"), cell: (q) => q.title },
            { header: t("published"), cell: (q) => (q.published ? t("yes") : t("no")) },
            {
              header: t("actions"),
              cell: (q) => (
                <span class="row actions">
                  <A href={`/quizzes/build/${q.id}`}>{t("edit")}</A>
                  <A href={`/quizzes/${q.id}/stats`}>{t("stats")}</A>
                  <A href={`/quizzes/${q.id}/grading`}>{t("grading")}</A>
                </span>
              ),
            },
          ]}
        />
      </Show>
    </section>
  );
}
