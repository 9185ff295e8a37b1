import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { STAGES } from "../../../schema/development/values";
import { GRADES } from "../../../schema/evaluations/values";
import { api, call } from "../../api";
import { Field } from "../../components/Field";
import { formatDateTime, formatHours } from "../../components/format";
import { useLedOrgs } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { tenantMessages } from "./tenantMessages";

const thisYear = new Date().getFullYear();
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** A committee above separately deployed units reads each unit's yearly totals and opens it to drill down. */
export function UnitsBelow() {
  const t = useT(tenantMessages);
  const orgs = useLedOrgs(["committee"]);
  const [orgId, setOrgId] = createSignal("");
  const [year, setYear] = createSignal(thisYear);
  createEffect(() => {
    if (!orgId() && orgs()?.[0]) setOrgId(orgs()?.[0]?.id ?? "");
  });
  const [report] = createResource(
    () => (orgId() ? { id: orgId(), year: year() } : null),
    (k) => call(api.orgs[":id"]["tenant-reports"].$get({ param: { id: k.id }, query: { year: String(k.year) } })),
  );
  return (
    <>
      <p>{t("intro")}</p>
      <div class="filters">
        <Show when={(orgs()?.length ?? 0) > 1}>
          <Field label={t("org")}>
            <select value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
              <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
            </select>
          </Field>
        </Show>
        <Field label={t("year")}>
          <select value={year()} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            <For each={[thisYear, thisYear - 1, thisYear - 2]}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </Field>
      </div>
      <Show when={report()}>
        {(r) => (
          <Show when={r().items.length > 0} fallback={<p>{t("none")}</p>}>
            <For each={r().items}>
              {(unit) => (
                <article class="card">
                  <h3>{unit.name}</h3>
                  <p>{t("under", { name: unit.under })}</p>
                  <Show when={unit.figures} fallback={<p>{t("notYet")}</p>}>
                    {(f) => (
                      <dl class="figures">
                        <dt>{t("members")}</dt>
                        <dd>{f().members}</dd>
                        <dt>{t("completions")}</dt>
                        <dd>{f().study.completions}</dd>
                        <dt>{t("hours")}</dt>
                        <dd>{formatHours(f().study.hours)}</dd>
                        <dt>{t("offlineHours")}</dt>
                        <dd>{formatHours(f().study.offlineHours)}</dd>
                        <dt>{t("grades")}</dt>
                        <dd>{GRADES.map((g) => `${t(`grade_${g}`)} ${f().grades[g] ?? 0}`).join("，")}</dd>
                        <dt>{t("development")}</dt>
                        <dd>
                          {STAGES.filter((s) => s !== "full")
                            .map((s) => `${t(`stage_${s}`)} ${f().development[s] ?? 0}`)
                            .join("，")}
                        </dd>
                        <dt>{t("meetings")}</dt>
                        <dd>{sum(f().meetings)}</dd>
                      </dl>
                    )}
                  </Show>
                  <Show when={unit.publishedAt}>
                    {(at) => <p class="muted">{t("updated", { when: formatDateTime(at()) })}</p>}
                  </Show>
                  <a href={unit.url}>{t("open")}</a>
                </article>
              )}
            </For>
          </Show>
        )}
      </Show>
    </>
  );
}
