import { A } from "@solidjs/router";
import { useT } from "../../i18n";
import { advisorMessages } from "./advisorMessages";
import { talentMessages } from "./messages";

/** The feature's five pages, side by side (they wrap on a phone). */
export function TalentTabs() {
  const t = useT(talentMessages);
  const tAdvisors = useT(advisorMessages);
  return (
    <nav class="row tabs" aria-label={t("title")}>
      <A href="/talent" end>
        {t("pool")}
      </A>
      <A href="/talent/terms">{t("terms")}</A>
      <A href="/talent/posts">{t("posts")}</A>
      <A href="/talent/advisors">{tAdvisors("advisors")}</A>
      <A href="/talent/selections">{t("selections")}</A>
    </nav>
  );
}
