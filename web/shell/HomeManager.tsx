import { For, Show } from "solid-js";
import { formatDay, formatPercent } from "../components/format";
import { useT } from "../i18n";
import { cycleName, type Home, Section, Todo } from "./HomeTodo";
import { homeManagerMessages } from "./homeManagerMessages";
import { homeMessages } from "./homeMessages";

/**
 * What waits for a secretary, a committee or a grader: its own chunk, fetched only for a home that has
 * some, so a member's first load carries none of it.
 */
export default function HomeManager(props: { home: Home }) {
  const t = useT(homeManagerMessages);
  const th = useT(homeMessages);
  return (
    <>
      <For each={props.home.branches}>
        {(b) => (
          <Section
            title={t("branch", { name: b.name })}
            empty={th("nothing")}
            count={
              b.cycles.filter((c) => c.toReview || c.notSubmitted).length +
              (b.servicesToConfirm ? 1 : 0) +
              (b.flaggedCompletions ? 1 : 0) +
              (b.followups.due ? 1 : 0)
            }
          >
            <For each={b.cycles}>
              {(c) => (
                <>
                  <Show when={c.toReview > 0}>
                    <Todo
                      href={`/evaluations/cycle/${c.cycleId}`}
                      title={t("toReview", { n: c.toReview, cycle: cycleName(c) })}
                    />
                  </Show>
                  <Show when={c.notSubmitted > 0}>
                    <Todo
                      href={`/evaluations/cycle/${c.cycleId}`}
                      title={t("notSubmitted", { n: c.notSubmitted, cycle: cycleName(c) })}
                      when={
                        c.analysisClosesAt == null ? undefined : th("closes", { date: formatDay(c.analysisClosesAt) })
                      }
                    />
                  </Show>
                </>
              )}
            </For>
            <Show when={b.servicesToConfirm > 0}>
              <Todo href="/services" title={t("services", { n: b.servicesToConfirm })} />
            </Show>
            <Show when={b.flaggedCompletions > 0}>
              <Todo href="/progress" title={t("flagged", { n: b.flaggedCompletions })} />
            </Show>
            <Show when={b.followups.due > 0}>
              <Todo href="/evaluations/followups" title={t("followupsDue", { n: b.followups.due })} warn />
            </Show>
          </Section>
        )}
      </For>
      <For each={props.home.committees}>
        {(c) => (
          <Section
            title={t("committee", { name: c.name })}
            empty={t("allWell")}
            count={
              c.branchesBehind.length +
              c.cyclesClosing.length +
              (c.followups.approvals ? 1 : 0) +
              (c.followups.overdue ? 1 : 0)
            }
          >
            <Show when={c.followups.approvals > 0}>
              <Todo href="/evaluations/followups" title={t("followupApprovals", { n: c.followups.approvals })} />
            </Show>
            <Show when={c.followups.overdue > 0}>
              <Todo href="/evaluations/followups" title={t("followupsOverdue", { n: c.followups.overdue })} warn />
            </Show>
            <For each={c.cyclesClosing}>
              {(x) => (
                <Todo
                  href={`/evaluations/cycle/${x.cycleId}`}
                  title={t("closing", {
                    branch: x.branchName,
                    cycle: cycleName(x),
                    phase: t(`phase_${x.phase}`),
                    date: formatDay(x.closesAt),
                  })}
                />
              )}
            </For>
            <For each={c.branchesBehind}>
              {(b) => (
                <Todo
                  href="/progress"
                  title={
                    b.rate == null
                      ? t("behindNoRate", { name: b.name, overdue: b.overdue })
                      : t("behind", { name: b.name, rate: formatPercent(b.rate), overdue: b.overdue })
                  }
                />
              )}
            </For>
          </Section>
        )}
      </For>
      <Show when={props.home.grading}>
        {(grading) => (
          <Section title={t("grading")} empty={t("nothingToGrade")} count={grading().length}>
            <For each={grading()}>
              {(g) => <Todo href={`/quizzes/${g.quizId}/grading`} title={t("essays", { title: g.title, n: g.n })} />}
            </For>
          </Section>
        )}
      </Show>
    </>
  );
}
