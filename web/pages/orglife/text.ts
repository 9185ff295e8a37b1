import { useT } from "../../i18n";
import { messages, type OrgLifeKey } from "./messages";

/** The feature's translator, with kinds (built-in by code, a committee's by its own name) and rhythms. */
export function useOrgLifeText() {
  const t = useT(messages);
  const kindName = (k: { kind?: string; id?: string; name: string | null }) =>
    k.name ?? t(`k_${k.kind ?? k.id}` as OrgLifeKey);
  const rhythm = (r: { period: string; min: number }) =>
    r.min > 0 ? t("rhythmOf", { period: t(`p_${r.period}` as OrgLifeKey), n: r.min }) : t("noRhythm");
  return { t, kindName, rhythm };
}
