import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { GradePicker } from "./AppraisalPage";
import { CycleAdmin } from "./CycleAdmin";
import { PhaseLines } from "./MyEvaluationsPage";
import { GRADE_KEYS, type MsgKey, messages, useErrText } from "./messages";

type Grade = (typeof GRADE_KEYS)[number];
const quiet = <T,>(p: Promise<T>) => p.catch(() => null);

/** The member's own result, and for secretaries the branch dashboard, tally and decision sheet. */
export default function CyclePage() {
  const t = useT(messages);
  const errText = useErrText();
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
  const [choice, setChoice] = createSignal<Record<string, Grade>>({});
  const [reasons, setReasons] = createSignal<Record<string, string>>({});
  const [override, setOverride] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [ok, setOk] = createSignal(false);

  const chosen = (m: { memberId: string; decision: { grade: string } | null; plurality: string[] }) =>
    choice()[m.memberId] ?? (m.decision?.grade as Grade | undefined) ?? (m.plurality[0] as Grade | undefined);
  const excellent = () => (tally()?.members ?? []).filter((m) => chosen(m) === "excellent").length;
  const needsReason = (m: { memberId: string; decision: { grade: string } | null; plurality: string[] }) => {
    const g = chosen(m);
    return !!g && m.plurality.length > 0 && !m.plurality.includes(g);
  };
  const decide = async () => {
    setError(null);
    setOk(false);
    const decisions = (tally()?.members ?? [])
      .filter((m) => chosen(m))
      .map((m) => ({
        memberId: m.memberId,
        grade: chosen(m)!,
        ...((reasons()[m.memberId] ?? m.decision?.reason)
          ? { reason: reasons()[m.memberId] ?? m.decision?.reason ?? "" }
          : {}),
      }));
    try {
      await call(
        api["eval-cycles"][":id"].decisions.$put({
          param: param(),
          json: { decisions, ...(override() ? { quotaOverride: override() } : {}) },
        }),
      );
      setOk(true);
      await refetch();
    } catch (err) {
      setError(err);
    }
  };

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
                {t("notDone", { n: notAnalysed().length, m: d().members.filter((m) => !m.selfAppraised).length })}
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t("member")}</th>
                      <th>{t("analysis")}</th>
                      <th>{t("selfAppraised")}</th>
                      <th>{t("appraisal")}</th>
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
                          <td>{m.selfAppraised ? "✓" : "—"}</td>
                          <td>{m.peerVotes}</td>
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
      <Show when={tally()}>
        {(tl) => (
          <>
            <h2>{t("tally")}</h2>
            <div class="row sticky-bar">
              <span classList={{ "field-error": excellent() > tl().quota }}>
                {t("quota", { n: excellent(), max: tl().quota })}
              </span>
              <span class="progress quota" aria-hidden="true">
                <span style={{ width: `${Math.min(100, (excellent() / Math.max(1, tl().quota)) * 100)}%` }} />
              </span>
            </div>
            <ul class="peer-sheet decisions">
              <For each={tl().members}>
                {(m) => (
                  <li>
                    <span class="peer-name">{m.displayName}</span>
                    <span class="muted small">
                      {GRADE_KEYS.map((g) => `${t(`g_${g}` as MsgKey)} ${m.counts[g]}`).join(" · ")}
                      {m.self ? ` · ${t("self")}: ${t(`g_${m.self.grade}` as MsgKey)}` : ""}
                    </span>
                    <GradePicker
                      name={`d-${m.memberId}`}
                      label={`${m.displayName} ${t("decided")}`}
                      value={chosen(m)}
                      disabled={tl().cycle.status === "closed"}
                      onChange={(g) => setChoice({ ...choice(), [m.memberId]: g })}
                    />
                    <Show when={needsReason(m) || m.decision?.reason}>
                      <input
                        aria-label={`${m.displayName} ${t("reason")}`}
                        placeholder={t("needReason")}
                        value={reasons()[m.memberId] ?? m.decision?.reason ?? ""}
                        onInput={(e) => setReasons({ ...reasons(), [m.memberId]: e.currentTarget.value })}
                      />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={excellent() > tl().quota}>
              <label for="override">{t("overrideReason")}</label>
              <p class="warn">{t("overQuota")}</p>
              <input id="override" value={override()} onInput={(e) => setOverride(e.currentTarget.value)} />
            </Show>
            <Feedback error={error()} notice={ok() ? t("decidedOk") : undefined} text={errText} />
            <Show when={tl().cycle.status === "open"}>
              <button type="button" class="primary" onClick={decide}>
                {t("decide")}
              </button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
