import { defineMessages, useT } from "../i18n";

// Here rather than in the shell's messages: only the pages that export load it, not the first load.
export const sheetMessages = defineMessages({
  "zh-CN": { exportExcel: "导出 Excel" },
  "zh-TW": { exportExcel: "匯出 Excel" },
  en: { exportExcel: "Export Excel" },
});

/** A table export offered both ways: the page's CSV link and the same table as an Excel workbook. */
export function SheetDownloads(props: { href: string; csvLabel: string; class?: string }) {
  const t = useT(sheetMessages);
  const as = (format: string) => `${props.href}${props.href.includes("?") ? "&" : "?"}format=${format}`;
  // Kept together (and off the shared stylesheet, which every first load fetches).
  return (
    <span style={{ display: "inline-flex", gap: "0.75rem", "flex-wrap": "wrap", "align-items": "center" }}>
      <a class={props.class} href={as("csv")} download="">
        {props.csvLabel}
      </a>
      <a class={props.class} href={as("xlsx")} download="">
        {t("exportExcel")}
      </a>
    </span>
  );
}
