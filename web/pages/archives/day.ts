import { locale } from "../../i18n";

/** Dates as the platform counts them (Asia/Shanghai), whatever the browser's own zone. */
export const formatDay = (ms: number | null | undefined) =>
  ms == null ? "—" : new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(ms);
