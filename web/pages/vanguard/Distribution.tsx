import { Chart } from "../../components/Chart";
import { useT } from "../../i18n";
import { vanguardMessages } from "./messages";

const BANDS = ["0-59", "60-69", "70-79", "80-89", "90-100", "missing"];

/** Members per band of the index, as a chart with its table: a distribution, never a ranking. */
export function Distribution(props: { bands: Record<string, number> }) {
  const t = useT(vanguardMessages);
  return (
    <Chart
      title={t("distribution")}
      kind="bar"
      testId="index-distribution"
      category={t("band")}
      data={{
        labels: BANDS.map((b) => (b === "missing" ? t("band_missing") : b)),
        series: [{ name: t("bandMembers"), values: BANDS.map((b) => props.bands[b] ?? 0) }],
      }}
    />
  );
}
