import { createSignal, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { rosterMessages } from "./messages";

export function AddMemberForm(props: { orgId: string; onAdded: () => void }) {
  const t = useT(rosterMessages);
  const [error, setError] = createSignal<unknown>(null);
  const [ok, setOk] = createSignal(false);
  const optional = (v: FormDataEntryValue | null) => (v && String(v).trim() ? String(v).trim() : null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    setError(null);
    setOk(false);
    try {
      await call(
        api.orgs[":id"].members.$post({
          param: { id: props.orgId },
          json: {
            username: String(f.get("username")),
            displayName: String(f.get("displayName")),
            phone: optional(f.get("phone")),
            gender: optional(f.get("gender")) as "male" | "female" | null,
            joinedPartyOn: optional(f.get("joinedPartyOn")),
            password: optional(f.get("password")) ?? undefined,
          },
        }),
      );
      formEl.reset();
      setOk(true);
      props.onAdded();
    } catch (err) {
      setError(err);
    }
  };
  const FieldError = (p: { name: string }) => (
    <Show when={fieldText(error(), p.name)}>
      <p class="field-error">{fieldText(error(), p.name)}</p>
    </Show>
  );
  return (
    <form class="form card" style={{ display: "grid" }} onSubmit={submit} novalidate>
      <h2>{t("add")}</h2>
      <Field label={t("username")} name="username">
        <input id="m-username" name="username" autocomplete="off" required />
      </Field>
      <FieldError name="username" />
      <Field label={t("name")} name="displayName">
        <input id="m-name" name="displayName" required />
      </Field>
      <FieldError name="displayName" />
      <Field label={t("phone")} name="phone">
        <input id="m-phone" name="phone" inputmode="tel" />
      </Field>
      <FieldError name="phone" />
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
      <FieldError name="joinedPartyOn" />
      <Field label={t("initialPassword")} name="password">
        <input id="m-password" name="password" type="password" autocomplete="new-password" />
      </Field>
      <FieldError name="password" />
      <Feedback error={error()} notice={ok() ? t("added") : undefined} />
      <button type="submit" class="primary">
        {t("addSubmit")}
      </button>
    </form>
  );
}
