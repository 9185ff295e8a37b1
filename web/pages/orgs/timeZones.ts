import { locale } from "../../i18n";

/** The zones an org is likely to be in (the API accepts any IANA zone; cycles are computed in it). */
const TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Urumqi",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
] as const;

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** "中国标准时间（Asia/Shanghai）": the zone's name in the user's language beside its id. */
export function zoneLabel(zone: string) {
  const name = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: "long" })
    .formatToParts(0)
    .find((p) => p.type === "timeZoneName")?.value;
  return name && name !== zone ? `${name}（${zone}）` : zone;
}

/** The list, with an org's own zone kept when it is not a common one. */
export const zonesWith = (zone: string | undefined) =>
  zone && !(TIME_ZONES as readonly string[]).includes(zone) ? [zone, ...TIME_ZONES] : [...TIME_ZONES];
