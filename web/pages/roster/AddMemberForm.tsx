import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { rosterMessages } from "./messages";
import { ProfileFields, profileFrom } from "./ProfileFields";

export function AddMemberForm(props: { orgId: string; onAdded: () => void }) {
  const t = useT(rosterMessages);
  const action = createAction(() => t("added"), props.onAdded);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].members.$post({
        param: { id: props.orgId },
        json: {
          username: String(f.get("username")),
          ...profileFrom(f),
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
      <ProfileFields />
      <Field label={t("initialPassword")} name="password">
        <input id="m-password" name="password" type="password" autocomplete="new-password" />
      </Field>
    </ActionForm>
  );
}
