import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { vanguardMessages } from "./messages";

const KINDS = ["bonus", "deduction", "veto"] as const;

/** Secretary records bonus/deduction/veto items with evidence; the committee approves them. */
export function Adjustments(props: { orgId: string; members: { memberId: string; name: string }[] }) {
  const t = useT(vanguardMessages);
  const [pending, { refetch }] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].vanguard.adjustments.$get({ param: { id }, query: { status: "pending" } })),
  );
  const recording = createAction(() => t("saved"), refetch);
  const reviewing = createAction(() => "", refetch);
  const submit = async (f: FormData, form: HTMLFormElement) => {
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
    form.reset();
  };
  const review = (id: string, approve: boolean) =>
    reviewing.run(() => call(api.vanguard.adjustments[":id"].review.$post({ param: { id }, json: { approve } })));
  return (
    <section>
      <h2>{t("adjustments")}</h2>
      <Show when={props.members.length}>
        <h3>{t("record")}</h3>
        <ActionForm action={recording} onSubmit={submit} submit={t("submit")} novalidate>
          <Field label={t("member")} name="memberId">
            <select id="adj-member" name="memberId">
              <For each={props.members}>{(m) => <option value={m.memberId}>{m.name}</option>}</For>
            </select>
          </Field>
          <div class="row">
            <Field label={t("kind")} name="kind">
              <select id="adj-kind" name="kind">
                <For each={KINDS}>{(k) => <option value={k}>{t(`k_${k}`)}</option>}</For>
              </select>
            </Field>
            <Field label={t("pointsLabel")} name="points">
              <input id="adj-points" name="points" type="number" min="0" max="20" step="0.5" value="1" />
            </Field>
          </div>
          <Field label={t("reason")} name="reason">
            <input id="adj-reason" name="reason" maxlength="500" />
          </Field>
          <Field label={t("evidence")} name="evidence">
            <textarea id="adj-evidence" name="evidence" rows="2" maxlength="1000" />
          </Field>
          <Field label={t("occurredOn")} name="occurredOn">
            <input id="adj-date" name="occurredOn" type="date" />
          </Field>
        </ActionForm>
      </Show>
      <Feedback error={reviewing.error()} />
      <h3>{t("pending")}</h3>
      <Show when={pending()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={pending()?.items}>
            {(a) => (
              <li class="card">
                <span>
                  {a.memberName} · {t(`k_${a.kind}`)} {a.kind === "veto" ? "" : formatScore(a.points)} · {a.reason}
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
