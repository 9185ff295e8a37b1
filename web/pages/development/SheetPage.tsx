import { useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { STAGES, STEPS, type Stage, type Step } from "../../../schema/development/values";
import { locale } from "../../i18n";
import { type CaseView, loadCase } from "./CasePage";
import type { DevKey } from "./messages";
import { sheetDate, useDevText } from "./text";
import "./sheet.css";

// The stage each step is recorded in, for the sheet's sections; a transfer is listed where it was taken.
const STAGE_OF: Record<Exclude<Step, "transfer">, Stage> = {
  application: "applicant",
  talk: "applicant",
  activist: "activist",
  assessment: "activist",
  candidate: "candidate",
  political_review: "candidate",
  training: "candidate",
  prereview: "candidate",
  notice: "probationary",
  branch_vote: "probationary",
  approval: "probationary",
  oath: "probationary",
  extension: "probationary",
  cancel: "probationary",
  full_application: "full",
  full_vote: "full",
  full_approval: "full",
};

type Row = CaseView["steps"][number];

/** The printable 全程记实表: every step of the 细则 in order, each blank field marked 无. */
export default function SheetPage() {
  const params = useParams();
  const { t, step, stage } = useDevText();
  const [view] = createResource(() => params.id ?? "", loadCase);
  const none = t("noneMark");
  const or = (v: string | null | undefined) => (v?.trim() ? v : none);
  const day = (d: string | null | undefined) => sheetDate(d, locale()) ?? none;
  // A step's rows as they stand after corrections; a step never taken is one row of 无.
  const rowsOf = (v: CaseView, s: Step) => {
    const taken = v.steps.filter((r) => r.step === s && !r.correctsId);
    return taken.length ? taken.map((r) => v.steps.filter((c) => c.correctsId === r.id).at(-1) ?? r) : [null];
  };
  const note = (v: CaseView, r: Row | null) => {
    if (!r) return none;
    const d = r.data as Record<string, any>;
    const parts: string[] = [];
    const names = (ids: string[]) => ids.map((id) => v.people[id] ?? "").join("、");
    if (d.entitled !== undefined) {
      parts.push(
        `${t("votes", { for: d.for, against: d.against, abstain: d.abstain, entitled: d.entitled })} ${d.passed ? t("passed") : t("notPassed")}`,
      );
    }
    if (d.mentorIds) parts.push(`${t("mentors")}：${names(d.mentorIds)}`);
    if (d.sponsorIds) parts.push(`${t("sponsors")}：${names(d.sponsorIds)}`);
    if (d.startOn) parts.push(`${day(d.startOn)}—${day(d.endOn)}`);
    if (d.planTitle) parts.push(t("countedStep", { title: d.planTitle, hours: d.hours, days: d.days }));
    else if (d.hours !== undefined) parts.push(`${t("hours")} ${d.hours}，${t("days")} ${d.days}`);
    if (d.toOrgName) parts.push(t("movedFrom", { from: d.fromOrgName, to: d.toOrgName }));
    if (d.months) parts.push(`${t("months")} ${d.months}`);
    if (r.late) parts.push(`${t("late")}（${t("dueWas", { date: day(r.dueOn) })}）：${or(r.lateReason)}`);
    if (r.correctsId) parts.push(t("correctionOf", { reason: String(d.reason ?? "") }));
    return parts.length ? parts.join("；") : none;
  };
  return (
    <Show when={view()}>
      {(v) => (
        <article class="dev-sheet">
          <p class="no-print">
            <button type="button" class="primary" onClick={() => window.print()}>
              {t("print")}
            </button>
          </p>
          <h1>{t("sheetTitle")}</h1>
          <table>
            <tbody>
              <tr>
                <th>{t("name")}</th>
                <td>{v().case.displayName}</td>
                <th>{t("gender")}</th>
                <td>{v().case.gender ? t(v().case.gender as "male" | "female") : none}</td>
              </tr>
              <tr>
                <th>{t("birthOn")}</th>
                <td>{day(v().case.birthOn)}</td>
                <th>{t("education")}</th>
                <td>{v().case.education ? t(`edu_${v().case.education}` as DevKey) : none}</td>
              </tr>
              <tr>
                <th>{t("occupation")}</th>
                <td>{v().case.occupation ? t(`occ_${v().case.occupation}` as DevKey) : none}</td>
                <th>{t("branch")}</th>
                <td>{v().case.orgName}</td>
              </tr>
            </tbody>
          </table>
          <table class="steps">
            <thead>
              <tr>
                <th style={{ width: "14%" }}>{t("stage")}</th>
                <th style={{ width: "18%" }}>{t("stepLabel")}</th>
                <th style={{ width: "14%" }}>{t("takenOn")}</th>
                <th style={{ width: "14%" }}>{t("actor")}</th>
                <th style={{ width: "16%" }}>{t("decision")}</th>
                <th>{t("evidence")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={STAGES}>
                {(st) => (
                  <For each={STEPS.filter((s) => s !== "transfer" && STAGE_OF[s] === st)}>
                    {(s) => (
                      <For each={rowsOf(v(), s)}>
                        {(r) => (
                          <tr>
                            <td data-label={t("stage")}>{stage(st)}</td>
                            <td data-label={t("stepLabel")}>{step(s)}</td>
                            <td data-label={t("takenOn")}>{day(r?.takenOn)}</td>
                            <td data-label={t("actor")}>{or(r?.actor)}</td>
                            <td data-label={t("decision")}>{or(r?.decision)}</td>
                            <td data-label={t("evidence")}>
                              {or(r?.evidence)}
                              <Show when={note(v(), r) !== none}>
                                <div>{note(v(), r)}</div>
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    )}
                  </For>
                )}
              </For>
              <For each={rowsOf(v(), "transfer").filter((r) => r !== null)}>
                {(r) => (
                  <tr>
                    <td data-label={t("stage")}>{none}</td>
                    <td data-label={t("stepLabel")}>{step("transfer")}</td>
                    <td data-label={t("takenOn")}>{day(r?.takenOn)}</td>
                    <td data-label={t("actor")}>{or(r?.actor)}</td>
                    <td data-label={t("decision")}>{or(r?.decision)}</td>
                    <td data-label={t("evidence")}>
                      {or(r?.evidence)}
                      <div>{note(v(), r)}</div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </article>
      )}
    </Show>
  );
}
