import { createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime, formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { GradePicker } from "./AppraisalPage";
import { type DecisionKey, decisionMessages, useDecisionErrText } from "./decisionMessages";
import { GRADE_KEYS, type MsgKey, messages } from "./messages";
import { QuotaOverride } from "./QuotaOverride";
import type { Sheet } from "./sheet";

type Grade = (typeof GRADE_KEYS)[number];
type Row = Sheet["members"][number];

/**
 * 民主测评 and the committee's decisions. While the ballot is open only "n of m have submitted"; after
 * it, the tally, and per member who may decide (never oneself); 优秀 over the quota waits for the
 * higher committee's approval of the branch's request.
 */
export function DecisionSheet(props: { sheet: Sheet; refetch: () => unknown }) {
  const t = useT(messages);
  const td = useT(decisionMessages);
  const errText = useDecisionErrText();
  const [choice, setChoice] = createSignal<Record<string, Grade>>({});
  const [reasons, setReasons] = createSignal<Record<string, string>>({});
  const save = createAction(() => t("decidedOk"), props.refetch);
  const s = () => props.sheet;
  const names = () => new Map(s().deciders.map((d) => [d.id, d.displayName]));
  const who = (ids: string[]) => ids.map((id) => names().get(id) ?? id).join("、");
  const decider = (d: Sheet["deciders"][number]) =>
    `${d.displayName}（${d.orgName} ${td(`role_${d.role}` as DecisionKey)}）`;

  const chosen = (m: Row) =>
    choice()[m.memberId] ?? (m.decision?.grade as Grade | undefined) ?? (m.tally?.plurality[0] as Grade | undefined);
  const excellent = () => s().members.filter((m) => chosen(m) === "excellent").length;
  const needsReason = (m: Row) => {
    const g = chosen(m);
    const votes = m.tally?.plurality ?? [];
    return !!g && votes.length > 0 && !votes.includes(g);
  };
  const decide = () => {
    const decisions = s()
      .members.filter((m) => m.mayDecide && chosen(m))
      .map((m) => {
        const reason = reasons()[m.memberId] ?? m.decision?.reason;
        return { memberId: m.memberId, grade: chosen(m)!, ...(reason ? { reason } : {}) };
      });
    return save.run(() =>
      call(api["eval-cycles"][":id"].decisions.$put({ param: { id: s().cycle.id }, json: { decisions } })),
    );
  };
  const p = () => s().progress;

  return (
    <>
      <h2>{t("tally")}</h2>
      <p data-testid="ballot-progress">
        {td("submittedOf", {
          n: formatNumber(p().submitted, 0),
          m: formatNumber(p().total, 0),
          k: formatNumber(p().selfAppraised, 0),
        })}
      </p>
      <Show
        when={s().released}
        fallback={
          <p class="muted" data-testid="ballot-sealed">
            {td("sealed", { at: formatDateTime(s().releasesAt) })}
          </p>
        }
      >
        <p class="muted">{td("released")}</p>
        <p class="small" data-testid="deciders">
          {s().deciders.length ? td("deciders", { who: s().deciders.map(decider).join("、") }) : td("noDeciders")}
        </p>
        <div class="row sticky-bar">
          <span classList={{ "field-error": excellent() > s().quota }}>
            {t("quota", { n: formatNumber(excellent(), 0), max: formatNumber(s().quota, 0) })}
          </span>
          <span class="progress quota" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (excellent() / Math.max(1, s().quota)) * 100)}%` }} />
          </span>
        </div>
        <ul class="peer-sheet decisions">
          <For each={s().members}>
            {(m) => (
              <li>
                <span class="peer-name">{m.displayName}</span>
                <span class="muted small">
                  {td("votes")}：
                  {GRADE_KEYS.map((g) => `${t(`g_${g}` as MsgKey)} ${formatNumber(m.tally?.counts[g] ?? 0, 0)}`).join(
                    " · ",
                  )}
                  {m.tally?.self ? ` · ${t("self")}: ${t(`g_${m.tally.self.grade}` as MsgKey)}` : ""}
                </span>
                <GradePicker
                  name={`d-${m.memberId}`}
                  label={`${m.displayName} ${t("decided")}`}
                  value={chosen(m)}
                  disabled={s().cycle.status === "closed" || !m.mayDecide}
                  onChange={(g) => setChoice({ ...choice(), [m.memberId]: g })}
                />
                <Show when={!m.mayDecide}>
                  <span class="warn small">
                    {m.deciders.length ? td("ownGrade", { who: who(m.deciders) }) : td("noDeciders")}
                  </span>
                </Show>
                <Show when={m.decision?.decidedBy}>
                  <span class="muted small">{td("decidedBy", { name: m.decision!.decidedBy! })}</span>
                </Show>
                <Show when={m.mayDecide && (needsReason(m) || m.decision?.reason)}>
                  <input
                    aria-label={`${m.displayName} ${t("reason")}`}
                    placeholder={t("needReason")}
                    value={reasons()[m.memberId] ?? m.decision?.reason ?? ""}
                    onInput={(e) => setReasons({ ...reasons(), [m.memberId]: e.currentTarget.value })}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
        <QuotaOverride sheet={s()} excellent={excellent()} refetch={props.refetch} />
        <Feedback error={save.error()} notice={save.notice()} text={errText} />
        <Show when={s().cycle.status === "open"}>
          <button type="button" class="primary" onClick={decide}>
            {t("decide")}
          </button>
        </Show>
      </Show>
    </>
  );
}
