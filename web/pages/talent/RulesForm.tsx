import type { TalentRuleBody } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";

/** One item a line; keys are per version (past decisions keep their own copy of the labels). */
const items = (v: FormDataEntryValue | null, prefix: string) =>
  String(v ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => ({ key: `${prefix}${i + 1}`, label }));

/** A new version of the org's standard, negative list and targets; earlier versions stay as they were. */
export function RulesForm(props: { orgId: string; current: TalentRuleBody; done: () => unknown }) {
  const t = useT(talentMessages);
  const saving = createAction(() => t("saved"), props.done);
  const submit = async (f: FormData) => {
    await call(
      api.orgs[":id"].talent.rules.$post({
        param: { id: props.orgId },
        json: {
          standard: String(f.get("standard")),
          source: String(f.get("source")),
          // A line kept as it was keeps the records shown beside it (the evidence it names).
          criteria: items(f.get("criteria"), "c").map((item) => {
            const evidence = c().criteria.find((old) => old.label === item.label)?.evidence;
            return evidence ? { ...item, evidence } : item;
          }),
          negatives: items(f.get("negatives"), "n"),
          targets: { top: Number(f.get("top")), other: Number(f.get("other")), activist: Number(f.get("activist")) },
          reviewMonths: Number(f.get("reviewMonths")),
        },
      }),
    );
  };
  const c = () => props.current;
  const count = (name: "top" | "other" | "activist") => (
    <Field label={t(name)} name={`targets.${name}`}>
      <input id={`rules-${name}`} name={name} type="number" min="0" max="99" value={c().targets[name]} required />
    </Field>
  );
  return (
    <ActionForm action={saving} onSubmit={submit} submit={t("newVersion")} novalidate>
      <Field label={t("standard")} name="standard">
        <input id="rules-standard" name="standard" maxlength="100" value={c().standard} required />
      </Field>
      <Field label={t("ruleSource")} name="source">
        <input id="rules-source" name="source" maxlength="500" value={c().source} required />
      </Field>
      <Field label={t("criteriaLines")} name="criteria">
        <textarea
          id="rules-criteria"
          name="criteria"
          rows="4"
          value={c()
            .criteria.map((i) => i.label)
            .join("\n")}
        />
      </Field>
      <Field label={t("negativeLines")} name="negatives">
        <textarea
          id="rules-negatives"
          name="negatives"
          rows="4"
          value={c()
            .negatives.map((i) => i.label)
            .join("\n")}
        />
      </Field>
      <div class="row">
        {count("top")}
        {count("other")}
        {count("activist")}
      </div>
      <Field label={t("reviewMonths")} name="reviewMonths">
        <input id="rules-months" name="reviewMonths" type="number" min="1" max="36" value={c().reviewMonths} required />
      </Field>
    </ActionForm>
  );
}
