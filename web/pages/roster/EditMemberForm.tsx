import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import type { Action } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { rosterMessages } from "./messages";

interface Profile {
  id: string;
  displayName: string;
  phone: string | null;
  gender: "male" | "female" | null;
  joinedPartyOn: string | null;
}

/** Edits a member's profile; the outcome is shown by the panel that owns the action. */
export function EditMemberForm(props: { member: Profile; action: Action }) {
  const t = useT(rosterMessages);
  const save = (f: FormData) =>
    call(
      api.users[":id"].$patch({
        param: { id: props.member.id },
        json: {
          displayName: String(f.get("displayName")),
          phone: optionalText(f.get("phone")),
          gender: optionalText(f.get("gender")) as "male" | "female" | null,
          joinedPartyOn: optionalText(f.get("joinedPartyOn")),
        },
      }),
    );
  return (
    <ActionForm action={props.action} onSubmit={save} submit={t("save")} primary={false} feedback={false} novalidate>
      <h3>{t("edit")}</h3>
      <Field label={t("name")} name="displayName">
        <input id="edit-name" name="displayName" value={props.member.displayName} required />
      </Field>
      <Field label={t("phone")} name="phone">
        <input id="edit-phone" name="phone" inputmode="tel" value={props.member.phone ?? ""} />
      </Field>
      <Field label={t("gender")} name="gender">
        <select id="edit-gender" name="gender" value={props.member.gender ?? ""}>
          <option value="">—</option>
          <option value="male">{t("male")}</option>
          <option value="female">{t("female")}</option>
        </select>
      </Field>
      <Field label={t("joined")} name="joinedPartyOn">
        <input id="edit-joined" name="joinedPartyOn" type="date" value={props.member.joinedPartyOn ?? ""} />
      </Field>
    </ActionForm>
  );
}
