import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { CycleAdmin } from "./CycleAdmin";
import { DecisionSheet } from "./DecisionSheet";
import { decisionMessages } from "./decisionMessages";
import { PhaseLines } from "./MyEvaluationsPage";
import { type MsgKey, messages } from "./messages";

const quiet = <T,>(p: Promise<T>) => p.catch(() => null);

/** The member's own result, and for managers the branch dashboard and the decision sheet. */
export default function CyclePage() {
  const t = useT(messages);
  const td = useT(decisionMessages);
  const params = useParams();
  const param = () => ({ id: params.id! });
  const manager = hasRole("secretary", "admin");
  const committee = hasRole("admin");
  const [reopenFor, setReopenFor] = createSignal("");
  const [result] = createResource(() => quiet(call(api["eval-cycles"][":id"].result.$get({ param: param() }))));
  const [dash, { refetch: refetchDash }] = createResource(() =>
    manager ? quiet(call(api["eval-cycles"][":id"].$get({ param: param() }))) : Promise.resolve(null),
  );
  const [tally, { refetch }] = createResource(() =>
    manager ? quiet(call(api["eval-cycles"][":id"].tally.$get({ param: param() }))) : Promise.resolve(null),
  );
  return (
    <section class="page">
      <Show when={result()}>
        {(r) => (
          <div class="card">
            <h2>{t("result")}</h2>
            <Show when={r().locked} fallback={<p class="muted">{t("notYet")}</p>}>
              <p>
                <strong>{r().grade ? t(`g_${r().grade}` as MsgKey) : "—"}</strong>
              </p>
              <Show when={r().reason}>
                <p>
                  {t("reason")}：{r().reason}
                </p>
              </Show>
            </Show>
          </div>
        )}
      </Show>
      <Show when={dash()}>
        {(d) => {
          const notAnalysed = () => d().members.filter((m) => m.analysis !== "submitted" && m.analysis !== "accepted");
          return (
            <>
              <h1>
                {t("dashboard")} · {d().cycle.name} {d().cycle.label}
              </h1>
              <Show when={d().cycle.status === "open"}>
                <PhaseLines windows={d().cycle.windows} />
              </Show>
              <p class="warn">
                {t("notDone", { n: notAnalysed().length, m: d().appraisal.total - d().appraisal.selfAppraised })}
              </p>
              <p data-testid="dashboard-progress">
                {td("submittedOf", {
                  n: d().appraisal.submitted,
                  m: d().appraisal.total,
                  k: d().appraisal.selfAppraised,
                })}
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t("member")}</th>
                      <th>{t("analysis")}</th>
                      <th>{t("decided")}</th>
                      <Show when={committee && d().cycle.status === "open"}>
                        <th>{t("reopenFor")}</th>
                      </Show>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().members}>
                      {(m) => (
                        <tr>
                          <td>{m.displayName}</td>
                          <td>
                            {t(`st_${m.analysis ?? "none"}` as MsgKey)}
                            <Show when={m.analysisId && m.version > 0}>
                              {" "}
                              <A href={`/evaluations/analysis/${m.analysisId}`}>{t("review")}</A>
                            </Show>
                            <Show when={m.reopenedUntil}>
                              <br />
                              <span class="muted small">
                                {t("reopenedUntil", { at: formatDateTime(m.reopenedUntil) })}
                              </span>
                            </Show>
                          </td>
                          <td>{m.grade ? t(`g_${m.grade}` as MsgKey) : "—"}</td>
                          <Show when={committee && d().cycle.status === "open"}>
                            <td>
                              <button
                                type="button"
                                aria-label={`${t("reopenFor")} ${m.displayName}`}
                                onClick={() => {
                                  setReopenFor(m.id);
                                  document.getElementById("reopen-until")?.focus();
                                }}
                              >
                                {t("reopenFor")}
                              </button>
                            </td>
                          </Show>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Show when={committee && d().cycle.status === "open"}>
                <CycleAdmin
                  cycleId={d().cycle.id}
                  windows={d().cycle.windows}
                  members={d().members}
                  member={reopenFor()}
                  onMember={setReopenFor}
                  refetch={refetchDash}
                />
              </Show>
            </>
          );
        }}
      </Show>
      <Show when={tally()}>{(sheet) => <DecisionSheet sheet={sheet()} refetch={refetch} />}</Show>
    </section>
  );
}
