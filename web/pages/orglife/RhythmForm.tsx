import { For } from "solid-js";
import type { Period, RhythmSources, RhythmValues } from "../../../schema/orglife/values";
import { PERIODS } from "../../../schema/orglife/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import type { OrgLifeKey } from "./messages";
import { useOrgLifeText } from "./text";

interface Current {
  year: number;
  kinds: { id: string; name: string | null }[];
  values: RhythmValues;
  sources: RhythmSources;
}

/**
 * A committee saves a new version of the rhythm for its subtree: per kind a period, a minimum (0: no
 * rhythm) and its source, starting in a year. Prefilled with the version in force; past years keep theirs.
 * The fields are named like the API's paths, so its errors show beside them.
 */
export function RhythmForm(props: { orgId: string; current: Current; onDone: () => void }) {
  const { t, kindName } = useOrgLifeText();
  let confirmed = false;
  const action = createAction(() => (confirmed ? t("versionSaved") : ""), props.onDone);
  const submit = async (f: FormData) => {
    const fromYear = Number(f.get("fromYear"));
    confirmed = await confirmAction(t("versionConfirm", { year: fromYear }), t("saveVersion"));
    if (!confirmed) return;
    const values: RhythmValues = {};
    const sources: RhythmSources = {};
    for (const k of props.current.kinds) {
      values[k.id] = { period: f.get(`values.${k.id}.period`) as Period, min: Number(f.get(`values.${k.id}.min`)) };
      sources[k.id] = String(f.get(`sources.${k.id}`) ?? "");
    }
    await call(
      api.orgs[":id"].orglife.rules.$post({ param: { id: props.orgId }, json: { fromYear, values, sources } }),
    );
  };
  return (
    <ActionForm action={action} onSubmit={submit} submit={t("saveVersion")} novalidate>
      <h3>{t("newVersion")}</h3>
      <Field label={t("fromYear")} name="fromYear">
        <input
          name="fromYear"
          type="number"
          inputmode="numeric"
          min={props.current.year}
          max="2100"
          value={props.current.year}
          required
        />
      </Field>
      <For each={props.current.kinds}>
        {(k) => {
          const now = props.current.values[k.id] ?? { period: "year", min: 0 };
          return (
            <fieldset>
              <legend>{kindName(k)}</legend>
              <div class="row">
                <Field label={t("period")} name={`values.${k.id}.period`}>
                  <select name={`values.${k.id}.period`}>
                    <For each={PERIODS}>
                      {(p) => (
                        <option value={p} selected={p === now.period}>
                          {t(`p_${p}` as OrgLifeKey)}
                        </option>
                      )}
                    </For>
                  </select>
                </Field>
                <Field label={t("minimum")} name={`values.${k.id}.min`}>
                  <input
                    name={`values.${k.id}.min`}
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="31"
                    value={now.min}
                  />
                </Field>
              </div>
              <Field label={t("source")} name={`sources.${k.id}`}>
                <textarea
                  name={`sources.${k.id}`}
                  rows="2"
                  maxlength="200"
                  value={props.current.sources[k.id] ?? ""}
                  required
                />
              </Field>
            </fieldset>
          );
        }}
      </For>
    </ActionForm>
  );
}
