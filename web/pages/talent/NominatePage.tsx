import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { RESERVE_TRACKS } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDate } from "../../components/format";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { talentMessages } from "./messages";
import { nominationMessages } from "./nominationMessages";

/** Public, no account: someone holding a branch's one-time link nominates a person to its pool. Phone first. */
export default function NominatePage() {
  const t = useT(nominationMessages);
  const tt = useT(talentMessages);
  const params = useParams();
  const token = () => params.token ?? "";
  const [view] = createResource(token, (tk) =>
    call(api.public["talent-nominations"][":token"].$get({ param: { token: tk } })),
  );
  const [done, setDone] = createSignal(false);
  const sending = createAction(
    () => "",
    () => setDone(true),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const contact = String(f.get("contact") ?? "").trim();
    return sending.run(() =>
      call(
        api.public["talent-nominations"][":token"].$post({
          param: { token: token() },
          json: {
            name: String(f.get("name")),
            standing: String(f.get("standing")),
            track: String(f.get("track")) as (typeof RESERVE_TRACKS)[number],
            reason: String(f.get("reason")),
            ...(contact ? { contact } : {}),
          },
        }),
      ),
    );
  };
  return (
    <main class="rate" id="main">
      <header class="rate-head">
        <h1>{t("publicTitle")}</h1>
        <LanguageSwitch />
      </header>
      <Show when={!view.loading} fallback={<p class="muted">{t("loading")}</p>}>
        <Show
          when={view.state === "ready" && view()}
          fallback={
            <p class="error rate-refused" role="alert">
              {failureText(view.error)}
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
              <p>{t("publicIntro", { org: v().orgName })}</p>
              <p class="muted">{t("publicExpires", { day: formatDate(v().expiresAt - 1) })}</p>
              <form class="form rate-form" onSubmit={submit}>
                <label for="nominee-name">{t("name")}</label>
                <input id="nominee-name" name="name" maxlength="100" required />
                <label for="nominee-standing">{t("standing")}</label>
                <input id="nominee-standing" name="standing" maxlength="200" required />
                <label for="nominee-contact">{t("contact")}</label>
                <input id="nominee-contact" name="contact" maxlength="100" />
                <fieldset class="rate-item">
                  <legend>{t("track")}</legend>
                  <For each={RESERVE_TRACKS}>
                    {(k, i) => (
                      <label class="choice">
                        <input type="radio" name="track" value={k} checked={i() === 0} />
                        <span>{tt(k)}</span>
                      </label>
                    )}
                  </For>
                </fieldset>
                <label for="nominee-reason">{t("reason")}</label>
                <textarea id="nominee-reason" name="reason" rows="4" maxlength="1000" required />
                <Feedback error={sending.error()} text={failureText} />
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
