import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { formatNumber, formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { messages } from "./messages";
import { Question, type QView } from "./Question";
import { nextSeq, readQueue, writeQueue } from "./queue";

type View = Awaited<ReturnType<typeof load>>;
const load = (id: string) => call(api.attempts[":id"].$get({ param: { id } }));
/** The result, when the quiz's review options show it now. */
const result = (v: View) => ("score" in v ? v : null);

export default function AttemptPage() {
  const t = useT(messages);
  const params = useParams();
  const [view, { mutate, refetch }] = createResource(() => params.id, load);
  const [answers, setAnswers] = createSignal<Record<string, unknown>>({});
  const [queued, setQueued] = createSignal<Record<string, unknown>>({});
  const [current, setCurrent] = createSignal(0);
  const [online, setOnline] = createSignal(navigator.onLine);
  // Submitting, and the last failure of a save or a submit.
  const submitting = createAction(() => "");
  const [now, setNow] = createSignal(Date.now());
  let offset = 0;

  const questions = () => (view()?.questions ?? []) as unknown as QView[];
  const open = () => view()?.state === "open";

  const init = (v: View) => {
    offset = v.serverNow - Date.now();
    const q = readQueue(v.id);
    const a: Record<string, unknown> = {};
    for (const x of v.questions as unknown as QView[]) a[x.slot] = x.response;
    for (const [slot, p] of Object.entries(q)) a[slot] = p.response;
    setAnswers(a);
    setQueued(Object.fromEntries(Object.keys(q).map((k) => [k, true])));
  };

  /** Sends every queued answer; keeps what the network refused, drops what the server confirmed. */
  const flush = async () => {
    const v = view();
    if (v?.state !== "open") return;
    const q = readQueue(v.id);
    for (const [slot, p] of Object.entries(q)) {
      try {
        await call(
          api.attempts[":id"].slots[":slot"].$put({
            param: { id: v.id, slot },
            json: { response: p.response as never, seq: p.seq },
          }),
        );
        const still = readQueue(v.id);
        if (still[slot]?.seq === p.seq) delete still[slot];
        writeQueue(v.id, still);
        setOnline(true);
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 0) {
          setOnline(false);
          break;
        }
        if (e instanceof ApiFailure && e.code === "attempt_closed") {
          writeQueue(v.id, {});
          await refetch();
          break;
        }
        // Refused as it is (an option this attempt does not show): sending it again cannot help.
        if (e instanceof ApiFailure && e.status === 422) {
          const still = readQueue(v.id);
          delete still[slot];
          writeQueue(v.id, still);
        }
        submitting.setError(e);
      }
    }
    setQueued(Object.fromEntries(Object.keys(readQueue(v.id)).map((k) => [k, true])));
  };

  const change = (slot: number, response: unknown) => {
    const v = view();
    if (!v) return;
    setAnswers({ ...answers(), [slot]: response });
    const q = readQueue(v.id);
    q[slot] = { response, seq: nextSeq() };
    writeQueue(v.id, q);
    setQueued({ ...queued(), [slot]: true });
    void flush();
  };

  const unanswered = () => questions().filter((q) => answers()[q.slot] == null).length;
  const submit = async () => {
    const v = view();
    if (!v) return;
    const n = unanswered();
    const ask = n > 0 ? t("confirmSubmitUnanswered", { n: formatNumber(n, 0) }) : t("confirmSubmit");
    if (!(await confirmAction(ask, t("submit")))) return;
    await submitting.run(async () => {
      await flush();
      if (Object.keys(readQueue(v.id)).length > 0) throw new ApiFailure(0, "network", t("cannotSubmitOffline"), null);
      mutate(await call(api.attempts[":id"].submit.$post({ param: { id: v.id } })));
    });
  };

  onMount(() => {
    const tick = setInterval(() => {
      setNow(Date.now());
      const v = view();
      if (v?.state === "open" && v.deadline && Date.now() + offset > v.deadline + 6000) void refetch();
    }, 1000);
    const retry = setInterval(() => void flush(), 5000);
    const back = () => {
      setOnline(true);
      void flush();
    };
    const gone = () => setOnline(false);
    addEventListener("online", back);
    addEventListener("offline", gone);
    onCleanup(() => {
      clearInterval(tick);
      clearInterval(retry);
      removeEventListener("online", back);
      removeEventListener("offline", gone);
    });
  });

  const remaining = () => {
    const d = view()?.deadline;
    if (!d) return null;
    const s = Math.max(0, Math.floor((d - (now() + offset)) / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const pendingCount = () => Object.keys(queued()).length;

  return (
    <section class="page attempt">
      <Show when={view()} fallback={<p class="muted">{t("loading")}</p>}>
        {(v) => {
          init(v());
          return (
            <>
              <header class="attempt-head">
                <h1>{v().title}</h1>
                <Show when={open() && remaining()}>
                  <p class="countdown" role="timer" aria-label={t("remaining")}>
                    {t("remaining")} {remaining()}
                  </p>
                </Show>
              </header>
              <Show when={open()}>
                <p class={pendingCount() ? "warn" : "ok"} role="status" aria-live="polite">
                  {!online()
                    ? t("offline", { n: pendingCount() })
                    : pendingCount()
                      ? t("pendingSync", { n: pendingCount() })
                      : t("synced")}
                </p>
                <nav class="navigator" aria-label={t("navigator")}>
                  <For each={questions()}>
                    {(q, i) => (
                      <button
                        type="button"
                        classList={{
                          current: current() === i(),
                          answered: answers()[q.slot] != null,
                          unsaved: !!queued()[q.slot],
                        }}
                        aria-current={current() === i() ? "step" : undefined}
                        onClick={() => setCurrent(i())}
                      >
                        {i() + 1}
                      </button>
                    )}
                  </For>
                </nav>
                <Show when={questions()[current()]}>
                  {(q) => <Question q={q()} response={answers()[q().slot]} onChange={(r) => change(q().slot, r)} />}
                </Show>
                <p class="muted">
                  {queued()[questions()[current()]?.slot ?? -1]
                    ? t("unsaved")
                    : answers()[questions()[current()]?.slot ?? -1] != null
                      ? t("saved")
                      : ""}
                </p>
                <div class="row">
                  <button type="button" disabled={current() === 0} onClick={() => setCurrent(current() - 1)}>
                    {t("prev")}
                  </button>
                  <button
                    type="button"
                    disabled={current() >= questions().length - 1}
                    onClick={() => setCurrent(current() + 1)}
                  >
                    {t("next")}
                  </button>
                  <button type="button" class="primary" disabled={submitting.busy()} onClick={submit}>
                    {t("submit")}
                  </button>
                </div>
              </Show>
              <Show when={!open()}>
                <Show when={v().deadline && v().submittedAt && v().submittedAt! >= v().deadline!}>
                  <p class="warn">{t("timeUp")}</p>
                </Show>
                <Show when={result(v())}>
                  {(r) => (
                    <p class="card">
                      {t("score")} {t("scoreOf", { s: formatScore(r().score), m: formatScore(r().maxScore) })} ·{" "}
                      {(r().pending ?? 0) > 0
                        ? t("pending", { n: formatNumber(r().pending ?? 0, 0) })
                        : r().passed
                          ? t("passed")
                          : t("failed")}
                    </p>
                  )}
                </Show>
                <For each={questions()}>
                  {(q) => <Question q={q} response={q.response} disabled onChange={() => {}} />}
                </For>
                <A href="/quizzes">{t("backToList")}</A>
              </Show>
              <Feedback error={submitting.error()} />
            </>
          );
        }}
      </Show>
    </section>
  );
}
