import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { PhaseLines } from "./MyEvaluationsPage";
import { GRADE_KEYS, type MsgKey, messages, useErrText, usePeriod } from "./messages";

type Grade = (typeof GRADE_KEYS)[number];

/** One row of four grade radios: a segmented control that fits a 360 px phone. */
export function GradePicker(props: {
  name: string;
  label: string;
  value: Grade | undefined;
  disabled?: boolean;
  onChange: (g: Grade) => void;
}) {
  const t = useT(messages);
  return (
    <fieldset class="grades" disabled={props.disabled}>
      <legend class="sr-only">{props.label}</legend>
      <For each={GRADE_KEYS}>
        {(g) => (
          <label classList={{ on: props.value === g, [g]: true }}>
            <input
              type="radio"
              name={props.name}
              value={g}
              checked={props.value === g}
              onChange={() => props.onChange(g)}
            />
            {t(`g_${g}` as MsgKey)}
          </label>
        )}
      </For>
    </fieldset>
  );
}

export default function AppraisalPage() {
  const t = useT(messages);
  const errText = useErrText();
  const period = usePeriod();
  const params = useParams();
  const param = () => ({ id: params.id! });
  const [sheet, { refetch }] = createResource(() => call(api["eval-cycles"][":id"].appraisal.$get({ param: param() })));
  const [selfGrade, setSelfGrade] = createSignal<Grade | undefined>();
  const [grades, setGrades] = createSignal<Record<string, Grade>>({});
  const [comments, setComments] = createSignal<Record<string, string>>({});
  const selfSave = createAction(() => t("decidedOk"), refetch);
  const peerSave = createAction(
    () => t("decidedOk"),
    () => {
      setGrades({});
      return refetch();
    },
  );

  const given = () => new Map((sheet()?.given ?? []).map((g) => [g.rateeId, g.grade as Grade]));
  const gradeOf = (id: string) => given().get(id) ?? grades()[id];
  const pending = () => (sheet()?.peers ?? []).filter((p) => !given().has(p.id) && grades()[p.id]);
  const done = () => (sheet()?.peers ?? []).filter((p) => gradeOf(p.id)).length;

  const saveSelf = (f: FormData) => {
    const grade = selfGrade() ?? (sheet()?.self?.grade as Grade | undefined) ?? "qualified";
    return call(
      api["eval-cycles"][":id"].appraisal.self.$put({
        param: param(),
        json: { grade, reason: String(f.get("reason") ?? "") },
      }),
    );
  };
  const savePeers = () => {
    const votes = pending().map((p) => ({
      rateeId: p.id,
      grade: grades()[p.id]!,
      ...(comments()[p.id] ? { comment: comments()[p.id] } : {}),
    }));
    return peerSave.run(() =>
      call(api["eval-cycles"][":id"].appraisal.peers.$post({ param: param(), json: { votes } })),
    );
  };
  const fillQualified = () => {
    const next = { ...grades() };
    for (const p of sheet()?.peers ?? []) if (!gradeOf(p.id)) next[p.id] = "qualified";
    setGrades(next);
  };

  return (
    <section class="page">
      <Show when={sheet.error}>
        <p class="error">{errText(sheet.error)}</p>
      </Show>
      <Show when={sheet()}>
        {(s) => (
          <>
            <h1>
              {t("appraisal")} · {s().cycle.name} {period(s().cycle.label)}
            </h1>
            <PhaseLines windows={s().cycle.windows} />
            <ActionForm action={selfSave} class="form card" submit={t("saveSelf")} text={errText} onSubmit={saveSelf}>
              <h2>{t("self")}</h2>
              <GradePicker
                name="self"
                label={t("self")}
                value={selfGrade() ?? (s().self?.grade as Grade | undefined)}
                onChange={setSelfGrade}
              />
              <Field label={t("reason")} name="reason">
                <textarea name="reason" rows="3" maxlength="2000" required value={s().self?.reason ?? ""} />
              </Field>
            </ActionForm>
            <h2>{t("peers", { n: formatNumber(s().peers.length, 0) })}</h2>
            <div class="row sticky-bar">
              <span aria-live="polite">{t("ratedN", { done: done(), total: s().peers.length })}</span>
              <button type="button" onClick={fillQualified}>
                {t("allQualified")}
              </button>
              <button type="button" class="primary" disabled={!pending().length || peerSave.busy()} onClick={savePeers}>
                {t("savePeers")}
              </button>
            </div>
            <ul class="peer-sheet">
              <For each={s().peers}>
                {(p) => (
                  <li>
                    <span class="peer-name">{p.displayName}</span>
                    <GradePicker
                      name={`g-${p.id}`}
                      label={p.displayName}
                      value={gradeOf(p.id)}
                      disabled={given().has(p.id)}
                      onChange={(g) => setGrades({ ...grades(), [p.id]: g })}
                    />
                    <Show when={!given().has(p.id) && grades()[p.id]}>
                      <input
                        aria-label={`${p.displayName} ${t("peerComment")}`}
                        placeholder={t("peerComment")}
                        maxlength="500"
                        value={comments()[p.id] ?? ""}
                        onChange={(e) => setComments({ ...comments(), [p.id]: e.currentTarget.value })}
                      />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Feedback error={peerSave.error()} notice={peerSave.notice()} text={errText} />
          </>
        )}
      </Show>
    </section>
  );
}
