import { useNavigate, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime, formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { AttemptsTable } from "./AttemptsTable";
import { messages } from "./messages";

/** One quiz for the member: its settings, their attempts with results and reviews, and start/resume. */
export default function QuizPage() {
  const t = useT(messages);
  const params = useParams();
  const navigate = useNavigate();
  const [quiz] = createResource(
    () => params.id,
    (id) => call(api.my.quizzes[":id"].$get({ param: { id } })),
  );
  const starting = createAction(() => "");
  const start = () =>
    starting.run(async () => {
      const a = await call(api.quizzes[":id"].attempts.$post({ param: { id: params.id as string } }));
      navigate(`/quizzes/attempt/${a.id}`);
    });
  return (
    <section class="page">
      <Show when={quiz()} fallback={quiz.error ? <Feedback error={quiz.error} /> : <p class="muted">{t("loading")}</p>}>
        {(q) => (
          <>
            <h1>{q().title}</h1>
            <p>{q().description}</p>
            <p class="muted">
              {q().openAt ? `${t("opens")} ${formatDateTime(q().openAt)} ` : ""}
              {q().closeAt ? `${t("closes")} ${formatDateTime(q().closeAt)} ` : ""}
              {q().timeLimitSec ? t("limit", { m: formatNumber((q().timeLimitSec ?? 0) / 60, 0) }) : ""}
            </p>
            <Feedback error={starting.error()} />
            <button type="button" class="primary" disabled={starting.busy()} onClick={start}>
              {q().attempts.some((a) => a.state === "open") ? t("resume") : t("start")}
            </button>
            <h2>{t("history")}</h2>
            <AttemptsTable rows={q().attempts} empty={t("historyEmpty")} />
          </>
        )}
      </Show>
    </section>
  );
}
