import { Chart } from "../../components/Chart";
import { formatHours, formatMonth, today } from "../../components/format";
import { useT } from "../../i18n";
import { courseMessages } from "./messages";

/**
 * A year's counted 学时 added up month by month against the annual quota, up to this month (later
 * months have nothing yet).
 */
export function StudyChart(props: { year: number; months: number[]; quota: number }) {
  const t = useT(courseMessages);
  const data = () => {
    const [y, m] = today().split("-").map(Number) as [number, number];
    const upto = props.year < y ? 12 : props.year === y ? m : 0;
    let sum = 0;
    const cumulative = props.months.slice(0, upto).map((h) => {
      sum += h;
      return sum;
    });
    return {
      labels: cumulative.map((_, i) => formatMonth(i + 1)),
      series: [
        { name: t("cumulative"), values: cumulative },
        { name: t("quotaLine"), values: cumulative.map(() => props.quota) },
      ],
    };
  };
  return (
    <Chart
      title={t("studyChart", { y: props.year })}
      kind="line"
      testId="study-chart"
      data={data()}
      format={formatHours}
      category={t("month")}
    />
  );
}
