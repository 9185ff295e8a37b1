import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import type { ANSWERS } from "../../../schema/masses/values";
import { ApiFailure, api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { locale, useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { rateMessages } from "./messages";

type Answer = (typeof ANSWERS)[number];
const heading = { member: "title", branch: "title", survey: "surveyTitle", pledge: "pledgeTitle" } as const;
const KNOWN = ["token_invalid", "token_expired", "token_used", "rate_limited"] as const;

/** Public, no account: a person with a one-time link rates a member or a branch. Phone first. */
export default function RatePage() {
  const t = useT(rateMessages);
  const params = useParams();
  const token = () => params.token ?? "";
  const [view] = createResource(token, (tk) => call(api.public.ratings[":token"].$get({ param: { token: tk } })));
  // Reading an errored resource throws: the heading asks only once the view is ready.
  const target = () => (view.state === "ready" ? view().target : undefined);
  const [done, setDone] = createSignal(false);
  const [missing, setMissing] = createSignal(false);
  const sending = createAction(
    () => "",
    () => setDone(true),
  );
  const message = (err: unknown) => {
    const code = err instanceof ApiFailure ? err.code : "";
    return (KNOWN as readonly string[]).includes(code) ? t(code as (typeof KNOWN)[number]) : failureText(err);
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const items = view()?.items ?? [];
    const answers: Record<string, Answer> = {};
    for (const i of items) {
      const a = f.get(`item-${i.key}`);
      if (a) answers[i.key] = a as Answer;
    }
    // Every item needs an answer: said here, before anything is sent (the link stays unused).
    setMissing(Object.keys(answers).length !== items.length);
    if (missing()) return;
    const comment = String(f.get("comment") ?? "").trim();
    return sending.run(() =>
      call(
        api.public.ratings[":token"].$post({
          param: { token: token() },
          json: { answers, comment: comment || undefined },
        }),
      ),
    );
  };
  return (
    <main class="rate" id="main">
      <header class="rate-head">
        {/* The page's heading in every state (a used or refused link shows no round). */}
        <h1>{t(heading[target() ?? "member"])}</h1>
        <LanguageSwitch />
      </header>
      <Show when={!view.loading} fallback={<p class="muted">{t("loading")}</p>}>
        <Show
          when={view.state === "ready" && view()}
          fallback={
            <p class="error rate-refused" role="alert">
              {message(view.error)}
            </p>
          }
        >
          {(v) => (
            <Show
              when={!done()}
              fallback={
                <p class="ok rate-thanks" role="status">
                  {t("thanks")}
                </p>
              }
            >
              <h2 class="rate-title">{v().title}</h2>
              <p>
                {t("rating")}: <strong class="ratee">{v().rateeName}</strong>
              </p>
              <Show when={v().target === "member" || v().target === "pledge"}>
                <p class="muted">{t("of", { org: v().orgName })}</p>
              </Show>
              <Show when={v().target === "pledge"}>
                <p>{t("pledgeHelp")}</p>
              </Show>
              <form class="form rate-form" onSubmit={submit} novalidate>
                <For each={v().items}>
                  {(item) => (
                    <fieldset class="rate-item">
                      <legend>{item.label[locale()]}</legend>
                      <For each={v().answers}>
                        {(a) => (
                          <label class="choice">
                            <input type="radio" name={`item-${item.key}`} value={a} />
                            <span>{t(a)}</span>
                          </label>
                        )}
                      </For>
                    </fieldset>
                  )}
                </For>
                <label for="comment">{t("comment")}</label>
                <textarea id="comment" name="comment" rows="3" maxlength="500" />
                <Show when={missing()}>
                  <p class="error" role="alert">
                    {t("required")}
                  </p>
                </Show>
                <Feedback error={sending.error()} text={message} />
                <button type="submit" class="primary" disabled={sending.busy()}>
                  {t("submit")}
                </button>
                <p class="muted">{t("anonymous")}</p>
              </form>
            </Show>
          )}
        </Show>
      </Show>
    </main>
  );
}
