import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";

/** A table export offered both ways: the page's CSV link and the same table as an Excel workbook. */
export function SheetDownloads(props: { href: string; csvLabel: string; class?: string }) {
  const t = useT(shellMessages);
  const as = (format: string) => `${props.href}${props.href.includes("?") ? "&" : "?"}format=${format}`;
  return (
    <>
      <a class={props.class} href={as("csv")} download="">
        {props.csvLabel}
      </a>
      <a class={props.class} href={as("xlsx")} download="">
        {t("exportExcel")}
      </a>
    </>
  );
}
