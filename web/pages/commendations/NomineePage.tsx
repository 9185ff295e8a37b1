import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { Evidence, type EvidenceView } from "./Evidence";
import { commendationMessages } from "./messages";

/** One nominee against the round's criteria, with the records behind each; the committee decides here. */
export default function NomineePage() {
  const t = useT(commendationMessages);
  const params = useParams();
  const [nominee, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.commendations.nominees[":id"].$get({ param: { id } })),
  );
  const [approve, setApprove] = createSignal(true);
  const deciding = createAction(() => t("saved"), refetch);
  const decide = async (f: FormData) => {
    const reason = optionalText(f.get("reason"));
    const quotaReason = optionalText(f.get("quotaReason"));
    await call(
      api.commendations.nominees[":id"].decision.$post({
        param: { id: params.id ?? "" },
        json: { approve: approve(), ...(reason ? { reason } : {}), ...(quotaReason ? { quotaReason } : {}) },
      }),
    );
  };
  const quotaFull = () => {
    const r = nominee()?.round;
    return !!r && r.approved >= r.quota;
  };
  return (
    <section class="page">
      <Show when={nominee()}>
        {(n) => (
          <>
            <A href={`/commendations/${n().round.id}`}>{n().round.name}</A>
            <h1>{n().name}</h1>
            <p>
              <span class="muted">{n().orgName}</span>{" "}
              <span class="tag" classList={{ ok: n().status === "approved" }}>
                {t(n().status)}
              </span>
            </p>
            <h2>{t("statement")}</h2>
            <p>{n().statement}</p>
            <h2>{t("evidence")}</h2>
            <Show when={n().evidence}>{(e) => <Evidence evidence={e() as EvidenceView} />}</Show>
            <Show when={n().reason}>
              <p>{t("decidedReason", { text: n().reason ?? "" })}</p>
            </Show>
            <Show when={n().quotaReason}>
              <p>{t("decidedQuota", { text: n().quotaReason ?? "" })}</p>
            </Show>
            <Show when={n().committee && n().status === "nominated" && n().round.status === "nominating"}>
              <h2>{t("decide")}</h2>
              <p class="muted">{t("approvedOf", { n: n().round.approved, quota: n().round.quota })}</p>
              <ActionForm action={deciding} onSubmit={decide} submit={t("decide")} novalidate>
                <fieldset>
                  <legend>{t("decision")}</legend>
                  <label class="check">
                    <input type="radio" name="approve" checked={approve()} onChange={() => setApprove(true)} />
                    {t("approve")}
                  </label>
                  <label class="check">
                    <input type="radio" name="approve" checked={!approve()} onChange={() => setApprove(false)} />
                    {t("refuse")}
                  </label>
                </fieldset>
                <Field label={t("reason")} name="reason">
                  <textarea name="reason" rows="2" maxlength="1000" placeholder={t("reasonHint")} />
                </Field>
                <Show when={approve() && quotaFull()}>
                  <Field label={t("quotaReason")} name="quotaReason">
                    <textarea name="quotaReason" rows="2" maxlength="1000" placeholder={t("quotaHint")} />
                  </Field>
                </Show>
              </ActionForm>
            </Show>
            <Show when={n().objections.length}>
              <h2>{t("objections")}</h2>
              <ul class="cards">
                <For each={n().objections}>
                  {(o) => (
                    <li class="card">
                      <div class="muted">
                        {o.lodgerName
                          ? t("objectionBy", { name: o.lodgerName, date: formatDateTime(o.lodgedAt) })
                          : formatDateTime(o.lodgedAt)}
                      </div>
                      <p>{o.text}</p>
                      <Show when={o.answeredAt} fallback={<span class="tag warn">{t("unansweredObjection")}</span>}>
                        <p>{t("answered", { outcome: t(o.outcome ?? "dismissed"), text: o.answer ?? "" })}</p>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
