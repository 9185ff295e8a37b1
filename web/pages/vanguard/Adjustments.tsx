import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { hasRole } from "../../session";
import { vanguardMessages } from "./messages";

const KINDS = ["bonus", "deduction", "veto"] as const;

/** Secretary records bonus/deduction/veto items with evidence; the committee approves them. */
export function Adjustments(props: { orgId: string; members: { memberId: string; name: string }[] }) {
  const t = useT(vanguardMessages);
  const [error, setError] = createSignal<unknown>(null);
  const [saved, setSaved] = createSignal(false);
  const [pending, { refetch }] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].vanguard.adjustments.$get({ param: { id }, query: { status: "pending" } })),
  );
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    setError(null);
    setSaved(false);
    try {
      await call(
        api.vanguard.adjustments.$post({
          json: {
            memberId: String(f.get("memberId")),
            kind: String(f.get("kind")) as (typeof KINDS)[number],
            points: Number(f.get("points") || 0),
            reason: String(f.get("reason")),
            evidence: String(f.get("evidence")),
            occurredOn: String(f.get("occurredOn")),
          },
        }),
      );
      formEl.reset();
      setSaved(true);
      refetch();
    } catch (err) {
      setError(err);
    }
  };
  const review = async (id: string, approve: boolean) => {
    setError(null);
    try {
      await call(api.vanguard.adjustments[":id"].review.$post({ param: { id }, json: { approve } }));
      refetch();
    } catch (err) {
      setError(err);
    }
  };
  const err = (f: string) => fieldText(error(), f);
  return (
    <section>
      <h2>{t("adjustments")}</h2>
      <Show when={props.members.length}>
        <h3>{t("record")}</h3>
        <form class="form" onSubmit={submit} novalidate>
          <Field label={t("member")} name="memberId">
            <select id="adj-member" name="memberId">
              <For each={props.members}>{(m) => <option value={m.memberId}>{m.name}</option>}</For>
            </select>
          </Field>
          <div class="row">
            <div>
              <Field label={t("kind")} name="kind">
                <select id="adj-kind" name="kind">
                  <For each={KINDS}>{(k) => <option value={k}>{t(`k_${k}`)}</option>}</For>
                </select>
              </Field>
            </div>
            <div>
              <Field label={t("pointsLabel")} name="points">
                <input id="adj-points" name="points" type="number" min="0" max="20" step="0.5" value="1" />
              </Field>
            </div>
          </div>
          <Field label={t("reason")} name="reason">
            <input id="adj-reason" name="reason" maxlength="500" />
          </Field>
          <Show when={err("reason")}>
            <p class="field-error">{err("reason")}</p>
          </Show>
          <Field label={t("evidence")} name="evidence">
            <textarea id="adj-evidence" name="evidence" rows="2" maxlength="1000" />
          </Field>
          <Show when={err("evidence")}>
            <p class="field-error">{err("evidence")}</p>
          </Show>
          <Field label={t("occurredOn")} name="occurredOn">
            <input id="adj-date" name="occurredOn" type="date" />
          </Field>
          <Show when={saved()}>
            <p class="ok" role="status">
              {t("saved")}
            </p>
          </Show>
          <button type="submit" class="primary">
            {t("submit")}
          </button>
        </form>
      </Show>
      <Feedback error={error()} />
      <h3>{t("pending")}</h3>
      <Show when={pending()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={pending()?.items}>
            {(a) => (
              <li class="card">
                <span>
                  {a.memberName} · {t(`k_${a.kind}`)} {a.kind === "veto" ? "" : a.points} · {a.reason}
                  <div class="muted">
                    {a.occurredOn} · {a.evidence}
                  </div>
                </span>
                <Show when={hasRole("admin")}>
                  <div class="row">
                    <button type="button" onClick={() => review(a.id, true)}>
                      {t("approve")}
                    </button>
                    <button type="button" onClick={() => review(a.id, false)}>
                      {t("reject")}
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
