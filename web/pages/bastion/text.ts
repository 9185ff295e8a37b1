import type { Band, Sector } from "../../../schema/bastion/values";
import { formatDay, formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import type { Source } from "../vanguard/Explanation";
import { bastionMessages } from "./messages";

type Key = Parameters<ReturnType<typeof useT<keyof (typeof bastionMessages)["zh-CN"]>>>[0];

/** The page's translations, with the band, sector, group, reason and record names it builds from codes. */
export function useBastionText() {
  const t = useT(bastionMessages);
  const has = (k: string) => k in bastionMessages["zh-CN"];
  return {
    t,
    band: (b: Band) => t(`band_${b}` as Key),
    sector: (s: Sector) => t(`sector_${s}` as Key),
    group: (g: string | undefined) => t(`g_${g ?? "common"}` as Key),
    reason: (r: string) => (has(`r_${r}`) ? t(`r_${r}` as Key) : undefined),
    /** This index's own kinds of record (the member index names the rest). */
    describe: (s: Source) => {
      const date = formatDay(s.at);
      switch (s.type) {
        case "member":
          return t("s_member", { name: s.name, v: `${formatNumber((s.value ?? 0) * 100, 0)}%` });
        case "dev_step":
          return t("s_dev_step", { date, late: t(s.value ? "onTime" : "late") });
        case "eval_followup":
          return t("s_followup", { name: s.name, state: t(s.value ? "handled" : "open") });
        case "orglife_meeting":
          return t("s_meeting", { name: s.name, date });
        case "bastion_item":
          return t("s_item", { note: s.note ?? "", date, name: s.name });
        default:
          return undefined;
      }
    },
  };
}
