import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { GRADES } from "../../../schema/evaluations/values";
import { api, call } from "../../api";
import { Chart } from "../../components/Chart";
import { type Column, DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { CycleAdmin } from "./CycleAdmin";
import { DecisionSheet } from "./DecisionSheet";
import { decisionMessages } from "./decisionMessages";
import { PhaseLines } from "./MyEvaluationsPage";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";

const quiet = <T,>(p: Promise<T>) => p.catch(() => null);
const loadDashboard = (id: string) => call(api["eval-cycles"][":id"].$get({ param: { id } }));
type Row = Awaited<ReturnType<typeof loadDashboard>>["members"][number];

/** The member's own result, and for managers the branch dashboard and the decision sheet. */
export default function CyclePage() {
  const t = useT(messages);
  const td = useT(decisionMessages);
  const errText = useErrText();
  const period = usePeriod();
  const params = useParams();
  const param = () => ({ id: params.id! });
  const manager = hasRole("secretary", "admin");
  const committee = hasRole("admin");
  const [reopenFor, setReopenFor] = createSignal("");
  const [result] = createResource(() => quiet(call(api["eval-cycles"][":id"].result.$get({ param: param() }))));
  const [dash, { refetch: refetchDash }] = createResource(() =>
    manager ? quiet(loadDashboard(params.id!)) : Promise.resolve(null),
  );
  const [tally, { refetch }] = createResource(() =>
    manager ? quiet(call(api["eval-cycles"][":id"].tally.$get({ param: param() }))) : Promise.resolve(null),
  );
  const [reminded, setReminded] = createSignal("");
  const remind = createAction(reminded);
  const onRemind = () =>
    remind.run(async () => {
      const r = await call(api["eval-cycles"][":id"].remind.$post({ param: param() }));
      const already = r.missing - r.sent;
      setReminded(
        r.missing === 0
          ? t("remindNobody")
          : r.sent === 0
            ? t("remindNone", { missing: r.missing })
            : already > 0
              ? t("remindSome", { sent: r.sent, already })
              : t("remindSent", { sent: r.sent }),
      );
    });
  const analysisOpen = (d: NonNullable<ReturnType<typeof dash>>) => {
    const w = d.cycle.windows.analysis;
    return d.cycle.status === "open" && !!w && Date.now() >= w.opensAt && Date.now() < w.closesAt;
  };
  const columns = (open: boolean): Column<Row>[] => [
    { header: t("member"), cell: (m) => m.displayName },
    {
      header: t("analysis"),
      cell: (m) => (
        <>
          {t(`st_${m.analysis ?? "none"}` as MsgKey)}
          <Show when={m.analysisId && m.version > 0}>
            {" "}
            <A href={`/evaluations/analysis/${m.analysisId}`} aria-label={`${t("review")} ${m.displayName}`}>
              {t("review")}
            </A>
          </Show>
          <Show when={m.reopenedUntil}>
            <br />
            <span class="muted small">{t("reopenedUntil", { at: formatDateTime(m.reopenedUntil) })}</span>
          </Show>
        </>
      ),
    },
    { header: t("decided"), cell: (m) => (m.grade ? t(`g_${m.grade}` as MsgKey) : "—") },
    ...(committee && open
      ? [
          {
            header: t("reopenFor"),
            cell: (m: Row) => (
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
            ),
          },
        ]
      : []),
  ];
  return (
    <section class="page">
      <Show when={result()}>
        {(r) => (
          <div class="card">
            {/* A member sees only their result: it is the page's heading. */}
            {manager ? <h2>{t("result")}</h2> : <h1>{t("result")}</h1>}
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
                {t("dashboard")} · {d().cycle.name} {period(d().cycle.label)}
              </h1>
              <Show when={d().cycle.status === "open"}>
                <PhaseLines windows={d().cycle.windows} />
              </Show>
              <p class="warn">
                {t("notDone", { n: notAnalysed().length, m: d().appraisal.total - d().appraisal.selfAppraised })}
              </p>
              <Show when={analysisOpen(d()) && notAnalysed().length > 0}>
                <div class="row remind">
                  <button type="button" disabled={remind.busy()} onClick={onRemind}>
                    {t("remind")}
                  </button>
                  <span class="muted small">{t("remindHelp")}</span>
                </div>
              </Show>
              <Feedback error={remind.error()} notice={remind.notice()} text={errText} />
              <p data-testid="dashboard-progress">
                {td("submittedOf", {
                  n: d().appraisal.submitted,
                  m: d().appraisal.total,
                  k: d().appraisal.selfAppraised,
                })}
              </p>
              <Show when={d().members.some((m) => m.grade)}>
                <Chart
                  title={t("gradeChart")}
                  kind="bar"
                  testId="grade-distribution"
                  category={t("gradeName")}
                  data={{
                    labels: GRADES.map((g) => t(`g_${g}`)),
                    series: [
                      {
                        name: t("gradeCount"),
                        values: GRADES.map((g) => d().members.filter((m) => m.grade === g).length),
                      },
                    ],
                  }}
                />
              </Show>
              <DataTable columns={columns(d().cycle.status === "open")} rows={d().members} caption={t("dashboard")} />
              <Show when={committee && d().cycle.status === "open"}>
                <CycleAdmin
                  cycleId={d().cycle.id}
                  windows={d().cycle.windows}
                  closesAt={d().cycle.closesAt}
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
