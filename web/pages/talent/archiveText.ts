import { useT } from "../../i18n";
import { advisorMessages } from "./advisorMessages";
import { talentMessages } from "./messages";

const t = useT(talentMessages);
const tAdvisor = useT(advisorMessages);
type Key = Parameters<typeof t>[0];
const word = (v: unknown) => (typeof v === "string" && v in talentMessages["zh-CN"] ? t(v as Key) : String(v ?? ""));

/** A readable line for the talent events a member sees in their archive (the pool's own stay hidden). */
export function talentArchiveText(kind: string, s: Record<string, unknown>): string | undefined {
  switch (kind) {
    case "talent.term_opened":
      return t("a_term_opened", {
        kind: word(s.kind),
        title: word(s.title),
        host: word(s.host),
        from: word(s.startsOn),
        to: word(s.endsOn),
      });
    case "talent.term_closed":
      // A scheduled advisor term closes by itself at its end: its record is what the advisor took part in.
      if (s.meetings !== undefined)
        return tAdvisor("a_closed", {
          title: word(s.title),
          host: word(s.host),
          meetings: Number(s.meetings),
          tasks: Number(s.tasks ?? 0),
        });
      return t("a_term_closed", {
        kind: word(s.kind),
        title: word(s.title),
        host: word(s.host),
        grade: word(s.grade),
        assessment: word(s.assessment),
      });
    case "talent.used":
      return t("a_used", { post: word(s.post), note: word(s.note) });
    case "talent.secretary_chosen":
      return t("a_chosen", {
        org: word(s.orgName),
        channel: word(s.channel),
        from: word(s.termStartsOn),
        to: word(s.termEndsOn),
        reason: word(s.reason),
      });
    case "talent.secretary_reviewed":
      return t("a_secretary_reviewed", {
        year: String(s.year ?? ""),
        performance: word(s.performance),
        rewards: word(s.rewards),
        penalties: word(s.penalties),
      });
    default:
      return undefined;
  }
}
