import { formatHours } from "../../components/format";
import { locale } from "../../i18n";

export {
  COURSE_CATEGORIES as CATEGORIES,
  COURSE_LEVELS as LEVELS,
  LESSON_KINDS as KINDS,
} from "../../../schema/courses/values";

/** `{h}` and its unit for the credit messages: 1 credit hour, 1.5 credit hours (plural rules of the locale). */
export function creditParams(t: (key: "unit_one" | "unit_other") => string, hours: number) {
  const one = new Intl.PluralRules(locale()).select(hours) === "one";
  return { h: formatHours(hours), unit: t(one ? "unit_one" : "unit_other") };
}
