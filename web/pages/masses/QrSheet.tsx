import { createSignal, For, Show } from "solid-js";
import { renderSVG } from "uqr";
import type { RatingItem } from "../../../schema/masses/values";
import { locale, useT } from "../../i18n";
import { massesMessages } from "./messages";

export interface SheetToken {
  rateeId: string;
  rateeName: string;
  n: number;
  token: string;
}

const rateLink = (token: string) => `${location.origin}/rate/${token}`;

/**
 * The printable sheet: one cut-out card per token, QR code (SVG) plus the link in text. In a pledge
 * round each card also lists the member's pledges, so the sheet is the public notice of them.
 */
export default function QrSheet(props: {
  title: string;
  tokens: SheetToken[];
  items?: RatingItem[];
  note?: string;
  onDone: () => void;
}) {
  const t = useT(massesMessages);
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    const text = props.tokens.map((k) => `${k.rateeName} #${k.n}\t${rateLink(k.token)}`).join("\n");
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(true);
  };
  return (
    <section class="qr-sheet" aria-label={t("sheet")}>
      <div class="no-print">
        <h2>{t("sheet")}</h2>
        <p class="warn">{t("sheetNote")}</p>
        <Show when={props.note}>
          <p class="warn" role="status">
            {props.note}
          </p>
        </Show>
        <div class="row">
          <button type="button" class="primary" onClick={() => window.print()}>
            {t("print")}
          </button>
          <button type="button" onClick={copy}>
            {copied() ? t("copied") : t("copy")}
          </button>
          <button type="button" onClick={() => props.onDone()}>
            {t("done")}
          </button>
        </div>
      </div>
      <h2 class="print-only">{props.title}</h2>
      <ul class="qr-grid">
        <For each={props.tokens}>
          {(k) => (
            <li class="qr-card">
              <div class="qr" innerHTML={renderSVG(rateLink(k.token), { border: 1 })} />
              <div>{t("scan", { name: k.rateeName })}</div>
              <Show when={props.items?.some((i) => i.rateeId === k.rateeId)}>
                <ol class="qr-pledges">
                  <For each={props.items?.filter((i) => i.rateeId === k.rateeId)}>
                    {(i) => <li>{i.label[locale()]}</li>}
                  </For>
                </ol>
              </Show>
              <div class="muted qr-link">
                #{k.n} {rateLink(k.token)}
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
