import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { OBJECTION_OUTCOMES, type ObjectionOutcome } from "../../../schema/commendations/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { askText, confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime, today } from "../../components/format";
import { useT } from "../../i18n";
import { criteriaWords, Evidence, type EvidenceView } from "./Evidence";
import { commendationMessages } from "./messages";
import { NominateForm } from "./NominateForm";

/** A round: its criteria, the nominees by branch and name, the notice and its objections, the result. */
export default function RoundPage() {
  const t = useT(commendationMessages);
  const params = useParams();
  const [round, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.commendations[":id"].$get({ param: { id } })),
  );
  const param = () => ({ id: params.id ?? "" });
  const [finalised, setFinalised] = createSignal<number | null>(null);
  const noticing = createAction(() => t("saved"), refetch);
  const objecting = createAction(() => t("saved"), refetch);
  const answering = createAction(() => t("saved"), refetch);
  const finalising = createAction(() => t("finalised", { n: finalised() ?? 0 }), refetch);
  const object = async (nominee: { id: string; name: string }) => {
    const text = await askText(t("objectPrompt", { name: nominee.name }), t("objectionText"));
    if (!text) return;
    await objecting.run(() =>
      call(api.commendations.nominees[":id"].objections.$post({ param: { id: nominee.id }, json: { text } })),
    );
  };
  const finalise = async () => {
    if (!(await confirmAction(t("finaliseConfirm"), t("finalise")))) return;
    await finalising.run(async () => {
      const out = await call(api.commendations[":id"].finalise.$post({ param: param() }));
      setFinalised(out.commended);
    });
  };
  return (
    <section class="page">
      <A href="/commendations">{t("back")}</A>
      <Show when={round()}>
        {(r) => (
          <>
            <h1>{r().name}</h1>
            <p>
              <span class="tag">{t(r().status)}</span>{" "}
              {t("round", { kind: t(r().kind), year: r().year, quota: r().quota })}
            </p>
            <p class="muted">
              {t("by", { org: r().orgName })} · {t("approvedOf", { n: r().approved, quota: r().quota })}
            </p>
            <Show when={r().noticeStartsOn}>
              <p>{t("noticePeriod", { from: r().noticeStartsOn ?? "", to: r().noticeEndsOn ?? "" })}</p>
            </Show>
            <p class="muted">
              {t("criteria")}：{criteriaWords(r().criteria)}
            </p>
            <h2>{t("nominees")}</h2>
            <Show when={r().nominees.length} fallback={<p class="muted">{t("noNominees")}</p>}>
              <ul class="cards" id="nominees">
                <For each={r().nominees}>
                  {(n) => (
                    <li class="card nominee">
                      <strong>{n.name}</strong> <span class="muted">{n.orgName}</span>{" "}
                      <span
                        class="tag"
                        classList={{
                          ok: n.status === "approved",
                          warn: n.status === "refused" || n.status === "withdrawn",
                        }}
                      >
                        {t(n.status)}
                      </span>
                      <p>{n.statement}</p>
                      <Show when={n.evidence}>{(e) => <Evidence evidence={e() as EvidenceView} compact />}</Show>
                      <Show when={n.reason}>
                        <p class="muted">{t("decidedReason", { text: n.reason ?? "" })}</p>
                      </Show>
                      <Show when={n.quotaReason}>
                        <p class="muted">{t("decidedQuota", { text: n.quotaReason ?? "" })}</p>
                      </Show>
                      <div class="row">
                        <Show when={n.evidence}>
                          <A href={`/commendations/nominee/${n.id}`}>{t("open")}</A>
                        </Show>
                        <Show when={r().status === "notice" && n.status === "approved"}>
                          <button type="button" onClick={() => object(n)}>
                            {t("object")}
                          </button>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Feedback error={objecting.error()} notice={objecting.notice()} />
            <Show when={r().status === "nominating"}>
              <NominateForm round={r()} onDone={refetch} />
            </Show>
            <Show when={r().objections.length || r().status !== "nominating"}>
              <h2>{r().committee ? t("objections") : t("myObjections")}</h2>
              <Show when={r().objections.length} fallback={<p class="muted">{t("noObjections")}</p>}>
                <ul class="cards" id="objections">
                  <For each={r().objections}>
                    {(o) => (
                      <li class="card objection">
                        <div class="muted">
                          {r().nominees.find((n) => n.id === o.nomineeId)?.name} ·{" "}
                          {o.lodgerName
                            ? t("objectionBy", { name: o.lodgerName, date: formatDateTime(o.lodgedAt) })
                            : formatDateTime(o.lodgedAt)}
                        </div>
                        <p>{o.text}</p>
                        <Show
                          when={o.answeredAt}
                          fallback={
                            <div>
                              <span class="tag warn">{t("unansweredObjection")}</span>
                              <Show when={r().committee && r().status === "notice"}>
                                <ActionForm
                                  action={answering}
                                  submit={t("answer")}
                                  onSubmit={(f) =>
                                    call(
                                      api.commendations.objections[":id"].answer.$post({
                                        param: { id: o.id },
                                        json: {
                                          outcome: String(f.get("outcome")) as ObjectionOutcome,
                                          answer: String(f.get("answer") ?? ""),
                                        },
                                      }),
                                    )
                                  }
                                  novalidate
                                >
                                  <Field label={t("outcome")} name="outcome">
                                    <select name="outcome">
                                      <For each={[...OBJECTION_OUTCOMES].reverse()}>
                                        {(x) => <option value={x}>{t(x)}</option>}
                                      </For>
                                    </select>
                                  </Field>
                                  <Field label={t("answer")} name="answer">
                                    <textarea name="answer" rows="2" maxlength="1000" required />
                                  </Field>
                                </ActionForm>
                              </Show>
                            </div>
                          }
                        >
                          <p>{t("answered", { outcome: t(o.outcome ?? "dismissed"), text: o.answer ?? "" })}</p>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
            <Show when={r().committee && r().status === "nominating" && r().nominees.length}>
              <h2>{t("openNotice")}</h2>
              <p class="muted">{t("noticeHint")}</p>
              <ActionForm
                action={noticing}
                submit={t("openNotice")}
                onSubmit={(f) =>
                  call(
                    api.commendations[":id"].notice.$post({
                      param: param(),
                      json: { startsOn: String(f.get("startsOn")), endsOn: String(f.get("endsOn")) },
                    }),
                  )
                }
                novalidate
              >
                <div class="row">
                  <Field label={t("startsOn")} name="startsOn">
                    <input name="startsOn" type="date" min={today()} value={today()} required />
                  </Field>
                  <Field label={t("endsOn")} name="endsOn">
                    <input name="endsOn" type="date" min={today()} required />
                  </Field>
                </div>
              </ActionForm>
            </Show>
            <Show when={r().committee && r().status === "notice"}>
              <h2>{t("finalise")}</h2>
              <p class="muted">{t("finaliseHint")}</p>
              <button type="button" class="primary" disabled={finalising.busy()} onClick={finalise}>
                {t("finalise")}
              </button>
              <Feedback error={finalising.error()} notice={finalising.notice()} />
            </Show>
            <Show when={r().status === "final" && finalised() !== null}>
              <p class="ok" role="status">
                {t("finalised", { n: finalised() ?? 0 })}
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
