import { Chart } from "../../components/Chart";
import { formatHours, formatMonth, today } from "../../components/format";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

/**
 * A year's counted 学时 added up month by month against the annual quota, up to this month (later
 * months have nothing yet). `per` divides both, for a branch's hours per member.
 */
export function StudyChart(props: { year: number; months: number[]; quota: number; per?: number; branch?: boolean }) {
  const t = useT(courseMessages);
  const data = () => {
    const [y, m] = today().split("-").map(Number) as [number, number];
    const upto = props.year < y ? 12 : props.year === y ? m : 0;
    const per = props.per || 1;
    let sum = 0;
    const cumulative = props.months.slice(0, upto).map((h) => {
      sum += h;
      return sum / per;
    });
    return {
      labels: cumulative.map((_, i) => formatMonth(i + 1)),
      series: [
        { name: t("cumulative"), values: cumulative },
        { name: t("quotaLine"), values: cumulative.map(() => props.quota / per) },
      ],
    };
  };
  return (
    <Chart
      title={t(props.branch ? "branchStudyChart" : "studyChart", { y: props.year })}
      kind="line"
      testId="study-chart"
      data={data()}
      format={formatHours}
      category={t("month")}
    />
  );
}
