import { createSignal, For, Show } from "solid-js";
import { renderSVG } from "uqr";
import { useT } from "../../i18n";
import { massesMessages } from "./messages";

export interface SheetToken {
  rateeName: string;
  n: number;
  token: string;
}

const rateLink = (token: string) => `${location.origin}/rate/${token}`;

/** The printable sheet: one cut-out card per token, QR code (SVG) plus the link in text. */
export default function QrSheet(props: { title: string; tokens: SheetToken[]; note?: string; onDone: () => void }) {
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
