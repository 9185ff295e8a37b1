import { Chart } from "../../components/Chart";
import { formatHours, formatMonth, today } from "../../components/format";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

interface Month {
  month: number;
  onlineHours: number;
  offlineHours: number;
  completions: number;
}

/**
 * The chart of the year on a branch's (or committee's) study report: 学时 credited online and offline in
 * each month up to this one (later months have nothing yet), as bars with their values, and the year's
 * totals in words above it.
 */
export function BranchStudyChart(props: { year: number; months: Month[] }) {
  const t = useT(courseMessages);
  const shown = () => {
    const [y, m] = today().split("-").map(Number) as [number, number];
    return props.months.slice(0, props.year < y ? 12 : props.year === y ? m : 0);
  };
  const sum = (key: "onlineHours" | "offlineHours" | "completions") => props.months.reduce((s, m) => s + m[key], 0);
  return (
    <section aria-labelledby="branch-year-h">
      <h2 id="branch-year-h">{t("branchYear", { y: props.year })}</h2>
      <p>
        {t("branchYearTotals", {
          on: formatHours(sum("onlineHours")),
          off: formatHours(sum("offlineHours")),
          n: sum("completions"),
        })}
      </p>
      <Chart
        title={t("branchChart", { y: props.year })}
        kind="bar"
        testId="branch-study-chart"
        category={t("month")}
        format={formatHours}
        data={{
          labels: shown().map((m) => formatMonth(m.month)),
          series: [
            { name: t("onlineHours"), values: shown().map((m) => m.onlineHours) },
            { name: t("offlineHoursName"), values: shown().map((m) => m.offlineHours) },
          ],
        }}
      />
    </section>
  );
}
