import { renderSVG } from "uqr";
import { grouped } from "../../../schema/masses/values";
import { formatDay, formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { pledgeMessages } from "./pledgeMessages";

export interface Seal {
  code: string;
  fingerprint: string;
  ratings: number;
  sealedAt: number;
}

const checkLink = (s: Pick<Seal, "code" | "fingerprint">) =>
  `${location.origin}/check?code=${grouped(s.code)}&fp=${grouped(s.fingerprint)}`;

/**
 * The tamper-evidence block of a printed result notice: the round's code and the fingerprint of its
 * ratings as recorded with the higher committee at close, and where anyone holding the paper checks them.
 */
export function ResultNotice(props: { seal: Seal }) {
  const t = useT(pledgeMessages);
  return (
    <section class="card result-notice" aria-labelledby="notice-title">
      <h2 id="notice-title">{t("noticeTitle")}</h2>
      <dl class="notice-codes">
        <dt>{t("roundCode")}</dt>
        <dd class="mono">{grouped(props.seal.code)}</dd>
        <dt>{t("fingerprint")}</dt>
        <dd class="mono fingerprint">{grouped(props.seal.fingerprint)}</dd>
      </dl>
      <p>{t("sealedNote", { n: formatNumber(props.seal.ratings, 0), at: formatDay(props.seal.sealedAt) })}</p>
      <div class="notice-check">
        <div class="qr" innerHTML={renderSVG(checkLink(props.seal), { border: 1 })} />
        <p>{t("howToCheck", { url: `${location.origin}/check` })}</p>
      </div>
      <button type="button" class="no-print" onClick={() => window.print()}>
        {t("printNotice")}
      </button>
    </section>
  );
}
