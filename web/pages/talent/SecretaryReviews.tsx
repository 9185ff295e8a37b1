import { For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { talentMessages } from "./messages";

interface Review {
  id: string;
  year: number;
  on: string;
  performance: string;
  rewards: string;
  penalties: string;
}

/** The appointed secretary's yearly reviews (绩、奖、惩) and, for the committee, the form for the next one. */
export function SecretaryReviews(props: { selectionId: string; reviews: Review[]; done: () => unknown }) {
  const t = useT(talentMessages);
  const recording = createAction(() => t("saved"), props.done);
  const submit = async (f: FormData) => {
    await call(
      api.talent.selections[":id"].reviews.$post({
        param: { id: props.selectionId },
        json: {
          year: Number(f.get("year")),
          on: String(f.get("on")),
          performance: String(f.get("performance")),
          rewards: String(f.get("rewards")),
          penalties: String(f.get("penalties")),
        },
      }),
    );
  };
  return (
    <>
      <h2>{t("yearlyReviews")}</h2>
      <Show when={props.reviews.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="secretary-reviews">
          <For each={props.reviews}>
            {(r) => (
              <li class="card">
                <strong>{t("reviewYear", { year: String(r.year) })}</strong> <span class="muted">{r.on}</span>
                <div>{`${t("performance")}：${r.performance}`}</div>
                <div>{`${t("rewards")}：${r.rewards}`}</div>
                <div>{`${t("penalties")}：${r.penalties}`}</div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={hasRole("admin")}>
        <ActionForm action={recording} onSubmit={submit} submit={t("recordReview")} novalidate>
          <div class="row">
            <Field label={t("year")} name="year">
              <input name="year" type="number" value={today().slice(0, 4)} required />
            </Field>
            <Field label={t("on")} name="on">
              <input name="on" type="date" max={today()} value={today()} required />
            </Field>
          </div>
          <Field label={t("performance")} name="performance">
            <textarea name="performance" rows="2" maxlength="2000" required />
          </Field>
          <Field label={t("rewards")} name="rewards">
            <input name="rewards" maxlength="1000" required />
          </Field>
          <Field label={t("penalties")} name="penalties">
            <input name="penalties" maxlength="1000" required />
          </Field>
        </ActionForm>
      </Show>
    </>
  );
}
