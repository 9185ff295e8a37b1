import { optionalText } from "../../components/ActionForm";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { rosterMessages } from "./messages";

export interface Profile {
  displayName: string;
  phone: string | null;
  gender: "male" | "female" | null;
  joinedPartyOn: string | null;
  cadre: boolean;
}

/** The profile part of a member's form (adding one, or editing one: then `member` fills it in). */
export function ProfileFields(props: { member?: Profile }) {
  const t = useT(rosterMessages);
  return (
    <>
      <Field label={t("name")} name="displayName">
        <input name="displayName" value={props.member?.displayName ?? ""} required />
      </Field>
      <Field label={t("phone")} name="phone">
        <input name="phone" inputmode="tel" value={props.member?.phone ?? ""} />
      </Field>
      <Field label={t("gender")} name="gender">
        <select name="gender" value={props.member?.gender ?? ""}>
          <option value="">—</option>
          <option value="male">{t("male")}</option>
          <option value="female">{t("female")}</option>
        </select>
      </Field>
      <Field label={t("joined")} name="joinedPartyOn">
        <input name="joinedPartyOn" type="date" value={props.member?.joinedPartyOn ?? ""} />
      </Field>
      <div>
        <label class="check">
          <input name="cadre" type="checkbox" checked={props.member?.cadre ?? false} /> {t("cadre")}
        </label>
        <small class="muted">{t("cadreHint")}</small>
      </div>
    </>
  );
}

/** The profile as the API takes it, from a form holding ProfileFields. */
export const profileFrom = (f: FormData): Profile => ({
  displayName: String(f.get("displayName")),
  phone: optionalText(f.get("phone")),
  gender: optionalText(f.get("gender")) as Profile["gender"],
  joinedPartyOn: optionalText(f.get("joinedPartyOn")),
  cadre: f.get("cadre") === "on",
});
