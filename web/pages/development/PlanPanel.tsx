import { createResource, createSignal, For, Show } from "solid-js";
import { STRUCTURE_KEYS, type StructureKey } from "../../../schema/development/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { Chart } from "../../components/Chart";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { SheetDownloads } from "../../components/SheetDownloads";
import { hasRole } from "../../session";
import type { DevKey } from "./messages";
import { useDevText } from "./text";

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/**
 * The annual development plan of a committee (控制总量、优化结构) and the year's structure report of its
 * subtree: who became an activist, a candidate, a 预备党员, against the plan's target and structure.
 */
export function PlanPanel(props: { orgId: string }) {
  const { t, failure } = useDevText();
  const [year, setYear] = createSignal(thisYear());
  const [report, { refetch }] = createResource(
    () => ({ id: props.orgId, year: String(year()) }),
    (param) => call(api.orgs[":id"].development.plans[":year"].$get({ param })),
  );
  const action = createAction(() => t("saved"), refetch);
  const label = (k: StructureKey) => t(`s_${k}` as DevKey);
  const num = (f: FormData, name: string) => {
    const v = String(f.get(name) ?? "").trim();
    return v === "" ? undefined : Number(v);
  };
  const submit = (f: FormData) =>
    call(
      api.orgs[":id"].development.plans[":year"].$put({
        param: { id: props.orgId, year: String(year()) },
        json: {
          target: num(f, "target") ?? 0,
          structure: Object.fromEntries(STRUCTURE_KEYS.map((k) => [k, num(f, `s-${k}`)])),
          note: String(f.get("note") ?? ""),
        },
      }),
    );
  type Row = NonNullable<ReturnType<typeof report>>["rows"][number];
  const plan = () => report()?.plan;
  return (
    <details class="card-details plan-panel">
      <summary>{t("annualPlan")}</summary>
      <div class="row">
        <Field label={t("year")} name="planYear">
          <input
            name="planYear"
            type="number"
            min="2000"
            max="2100"
            value={year()}
            onChange={(e) => setYear(Number(e.currentTarget.value) || thisYear())}
          />
        </Field>
        <SheetDownloads
          href={`/api/orgs/${props.orgId}/development/plans/${year()}/export`}
          csvLabel={t("exportCsv")}
        />
      </div>
      <Feedback error={report.error} />
      <Show when={report()}>
        <p>
          <Show when={plan()} fallback={<span class="muted">{t("noPlan")}</span>}>
            {t("target")}: <strong>{plan()?.target}</strong>
            <Show when={plan()?.note}> · {plan()?.note}</Show>
          </Show>
        </p>
        <Show when={plan() ? report()?.rows.find((r) => r.step === "approval") : undefined}>
          {(actual) => {
            // Only what the plan sets a number for: the total, and the structure lines it targets.
            const keys = () => STRUCTURE_KEYS.filter((k) => plan()?.structure[k] !== undefined);
            return (
              <Chart
                title={t("planChart", { y: year() })}
                kind="bar"
                testId="plan-chart"
                data={{
                  labels: [t("total"), ...keys().map(label)],
                  series: [
                    {
                      name: t("planned"),
                      values: [plan()?.target ?? 0, ...keys().map((k) => plan()?.structure[k] ?? 0)],
                    },
                    { name: t("actual"), values: [actual().total, ...keys().map((k) => actual()[k])] },
                  ],
                }}
              />
            );
          }}
        </Show>
        <h3>{t("structureReport")}</h3>
        <DataTable<Row>
          rows={report()?.rows}
          columns={[
            { header: t("stepLabel"), cell: (r) => t(`row_${r.step}` as DevKey) },
            {
              header: t("total"),
              cell: (r) => (
                <>
                  {r.total}
                  <Show when={r.step === "approval" && plan()}>
                    {" "}
                    / {plan()?.target} {t("planned")}
                  </Show>
                </>
              ),
            },
            ...STRUCTURE_KEYS.map((k) => ({
              header: label(k),
              cell: (r: Row) => (
                <>
                  {r[k]}
                  <Show when={r.step === "approval" && plan()?.structure[k] !== undefined}>
                    {" "}
                    / {plan()?.structure[k]}
                  </Show>
                </>
              ),
              classList: (r: Row) => ({
                warn: r.step === "approval" && (plan()?.structure[k] ?? 0) > r[k],
              }),
            })),
          ]}
        />
        {/* A committee admin sets the plan; on a branch the server answers why not. */}
        <Show when={hasRole("admin")}>
          <ActionForm action={action} onSubmit={submit} submit={t("savePlan")} text={failure} novalidate>
            <Field label={t("target")} name="target">
              <input name="target" type="number" min="0" step="1" value={plan()?.target ?? ""} required />
            </Field>
            <fieldset>
              <legend>{t("structureTargets")}</legend>
              <div class="row">
                <For each={STRUCTURE_KEYS}>
                  {(k) => (
                    <Field label={label(k)} name={`s-${k}`}>
                      <input name={`s-${k}`} type="number" min="0" step="1" value={plan()?.structure[k] ?? ""} />
                    </Field>
                  )}
                </For>
              </div>
            </fieldset>
            <Field label={t("planNote")} name="note">
              <input name="note" maxlength="500" value={plan()?.note ?? ""} />
            </Field>
          </ActionForm>
        </Show>
      </Show>
    </details>
  );
}
