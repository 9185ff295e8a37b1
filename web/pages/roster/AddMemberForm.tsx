import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { rosterMessages } from "./messages";

export function AddMemberForm(props: { orgId: string; onAdded: () => void }) {
  const t = useT(rosterMessages);
  const action = createAction(() => t("added"), props.onAdded);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].members.$post({
        param: { id: props.orgId },
        json: {
          username: String(f.get("username")),
          displayName: String(f.get("displayName")),
          phone: optionalText(f.get("phone")),
          gender: optionalText(f.get("gender")) as "male" | "female" | null,
          joinedPartyOn: optionalText(f.get("joinedPartyOn")),
          password: optionalText(f.get("password")) ?? undefined,
        },
      }),
    );
    form.reset();
  };
  return (
    <ActionForm action={action} onSubmit={submit} submit={t("addSubmit")} class="form card" novalidate>
      <h2>{t("add")}</h2>
      <Field label={t("username")} name="username">
        <input id="m-username" name="username" autocomplete="off" required />
      </Field>
      <Field label={t("name")} name="displayName">
        <input id="m-name" name="displayName" required />
      </Field>
      <Field label={t("phone")} name="phone">
        <input id="m-phone" name="phone" inputmode="tel" />
      </Field>
      <Field label={t("gender")} name="gender">
        <select id="m-gender" name="gender">
          <option value="">—</option>
          <option value="male">{t("male")}</option>
          <option value="female">{t("female")}</option>
        </select>
      </Field>
      <Field label={t("joined")} name="joinedPartyOn">
        <input id="m-joined" name="joinedPartyOn" type="date" />
      </Field>
      <Field label={t("initialPassword")} name="password">
        <input id="m-password" name="password" type="password" autocomplete="new-password" />
      </Field>
    </ActionForm>
  );
}
