import { Show } from "solid-js";
import { api, call } from "../../api";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { rosterMessages } from "./messages";

interface Profile {
  id: string;
  displayName: string;
  phone: string | null;
  gender: "male" | "female" | null;
  joinedPartyOn: string | null;
}

/** Edits a member's profile; the outcome is shown by the panel that owns `act` and `error`. */
export function EditMemberForm(props: {
  member: Profile;
  act: (fn: () => Promise<unknown>) => Promise<void>;
  error: unknown;
}) {
  const t = useT(rosterMessages);
  const optional = (v: FormDataEntryValue | null) => (v && String(v).trim() ? String(v).trim() : null);
  const FieldError = (p: { name: string }) => (
    <Show when={fieldText(props.error, p.name)}>
      <p class="field-error">{fieldText(props.error, p.name)}</p>
    </Show>
  );
  return (
    <form
      class="form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        props.act(() =>
          call(
            api.users[":id"].$patch({
              param: { id: props.member.id },
              json: {
                displayName: String(f.get("displayName")),
                phone: optional(f.get("phone")),
                gender: optional(f.get("gender")) as "male" | "female" | null,
                joinedPartyOn: optional(f.get("joinedPartyOn")),
              },
            }),
          ),
        );
      }}
    >
      <h3>{t("edit")}</h3>
      <Field label={t("name")} name="displayName">
        <input id="edit-name" name="displayName" value={props.member.displayName} required />
      </Field>
      <FieldError name="displayName" />
      <Field label={t("phone")} name="phone">
        <input id="edit-phone" name="phone" inputmode="tel" value={props.member.phone ?? ""} />
      </Field>
      <FieldError name="phone" />
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
      <FieldError name="joinedPartyOn" />
      <button type="submit">{t("save")}</button>
    </form>
  );
}
