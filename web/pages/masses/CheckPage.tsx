import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { pledgeMessages } from "./pledgeMessages";

type Result = Awaited<ReturnType<typeof check>>;
const check = (code: string, fingerprint: string) => call(api.public.seals.$get({ query: { code, fingerprint } }));

/** Public, no account: whoever holds a printed result notice checks it against the committee's record. */
export default function CheckPage() {
  const t = useT(pledgeMessages);
  const [params] = useSearchParams();
  const [result, setResult] = createSignal<Result | null>(null);
  const run = createAction(() => "");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setResult(null);
    return run.run(async () => setResult(await check(String(f.get("code")), String(f.get("fingerprint")))));
  };
  const refusal = (err: unknown) => {
    const code = err instanceof ApiFailure ? err.code : "";
    if (code === "not_found") return t("notFound");
    if (code === "rate_limited") return t("rateLimited");
    return failureText(err);
  };
  const say = (r: Result) =>
    t(r.status, {
      title: r.title,
      org: r.orgName,
      n: r.recordedRatings,
      recorded: r.recordedRatings,
      current: r.currentRatings,
    });
  return (
    <main class="rate" id="main">
      <header class="rate-head">
        <strong>{t("checkTitle")}</strong>
        <LanguageSwitch />
      </header>
      <h1>{t("checkTitle")}</h1>
      <p>{t("checkIntro")}</p>
      <form class="form" onSubmit={submit}>
        <Field label={t("roundCode")} name="code">
          <input name="code" class="mono" autocomplete="off" required value={String(params.code ?? "")} />
        </Field>
        <Field label={t("fingerprint")} name="fingerprint">
          <input name="fingerprint" class="mono" autocomplete="off" required value={String(params.fp ?? "")} />
        </Field>
        <button type="submit" class="primary" disabled={run.busy()}>
          {t("checkSubmit")}
        </button>
      </form>
      <Show when={run.error()}>
        <p class="error" role="alert">
          {refusal(run.error())}
        </p>
      </Show>
      <Show when={result()}>
        {(r) => (
          <p class={r().status === "intact" ? "ok check-result" : "error check-result"} role="status">
            {say(r())}
          </p>
        )}
      </Show>
    </main>
  );
}
