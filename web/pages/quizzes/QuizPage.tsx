import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { messages } from "./messages";

/** One quiz for the member: its settings, their attempts (each opens its review), and start/resume. */
export default function QuizPage() {
  const t = useT(messages);
  const params = useParams();
  const navigate = useNavigate();
  const [quiz] = createResource(
    () => params.id,
    (id) => call(api.my.quizzes[":id"].$get({ param: { id } })),
  );
  const [error, setError] = createSignal<unknown>(null);
  const start = async () => {
    try {
      const a = await call(api.quizzes[":id"].attempts.$post({ param: { id: params.id as string } }));
      navigate(`/quizzes/attempt/${a.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="page">
      <Show when={quiz()} fallback={<p class="muted">{t("loading")}</p>}>
        {(q) => (
          <>
            <h1>{q().title}</h1>
            <p>{q().description}</p>
            <p class="muted">
              {q().openAt ? `${t("opens")} ${formatDateTime(q().openAt)} ` : ""}
              {q().closeAt ? `${t("closes")} ${formatDateTime(q().closeAt)} ` : ""}
              {q().timeLimitSec ? t("limit", { m: Math.round((q().timeLimitSec ?? 0) / 60) }) : ""}
            </p>
            <Feedback error={error()} />
            <button type="button" class="primary" onClick={start}>
              {q().attempts.some((a) => a.state === "open") ? t("resume") : t("start")}
            </button>
            <ol>
              <For each={q().attempts}>
                {(a) => (
                  <li>
                    <A href={`/quizzes/attempt/${a.id}`}>
                      {formatDateTime(a.startedAt)} · {a.state === "open" ? t("resume") : t("review")}
                    </A>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </section>
  );
}
