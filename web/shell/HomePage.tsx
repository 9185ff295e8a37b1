import { A } from "@solidjs/router";
import { createResource, For, type JSX, Show } from "solid-js";
import { api, call } from "../api";
import { Feedback } from "../components/Feedback";
import { formatDay, formatHours, formatPercent } from "../components/format";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { me } from "../session";
import { homeMessages } from "./homeMessages";

type Home = Awaited<ReturnType<typeof loadHome>>;
const loadHome = () => call(api.home.$get());

/** One thing to do: the whole row is the link to the page where it is done. */
function Todo(props: { href: string; title: string; when?: string; tag?: string; warn?: boolean }) {
  return (
    <li>
      <A href={props.href} class="todo">
        <span class="todo-title">{props.title}</span>
        <Show when={props.when || props.tag}>
          <span class="todo-when">
            <Show when={props.tag}>
              <span classList={{ tag: true, "tag-warn": props.warn }}>{props.tag}</span>{" "}
            </Show>
            {props.when}
          </span>
        </Show>
      </A>
    </li>
  );
}

function Section(props: { title: string; empty: string; count: number; children: JSX.Element }) {
  return (
    <section class="home-section">
      <h2>{props.title}</h2>
      <Show when={props.count > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="todos">{props.children}</ul>
      </Show>
    </section>
  );
}

/** The home page is a to-do list: what is due for the member, what waits for a secretary or committee. */
export default function HomePage() {
  const t = useT(homeMessages);
  const ts = useT(shellMessages);
  const [home] = createResource(loadHome);
  // One entry per org: 幸福社区党支部（支部书记、党员）.
  const roles = () => {
    const byOrg = new Map<string, string[]>();
    for (const m of me()?.memberships ?? [])
      byOrg.set(m.orgName, [...(byOrg.get(m.orgName) ?? []), ts(`role_${m.role}`)]);
    return [...byOrg].map(([org, rs]) => t("rolesAt", { org, roles: rs.join(t("and")) })).join(t("separator"));
  };
  return (
    <section class="page home">
      <h1>{t("hello", { name: me()?.displayName ?? "" })}</h1>
      <p class="muted">{t("roles", { roles: roles() })}</p>
      <Feedback error={home.error} />
      <Show when={home()}>{(h) => <HomeSections home={h()} />}</Show>
    </section>
  );
}

const cycleName = (c: { name: string; label: string }) => `${c.name} ${c.label}`;

function HomeSections(props: { home: Home }) {
  const t = useT(homeMessages);
  const due = (at: number | null) => (at == null ? t("noDue") : t("due", { date: formatDay(at) }));
  const m = () => props.home.member;
  return (
    <>
      <For each={props.home.branches}>
        {(b) => (
          <Section
            title={t("branch", { name: b.name })}
            empty={t("nothing")}
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
                        c.analysisClosesAt == null ? undefined : t("closes", { date: formatDay(c.analysisClosesAt) })
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
      <Show when={m()}>
        {(member) => (
          <>
            <Section
              title={t("todo")}
              empty={t("nothing")}
              count={
                member().courses.length +
                member().evaluations.length +
                member().quizzes.length +
                member().followups.length
              }
            >
              <For each={member().followups}>
                {(f) => (
                  <Todo
                    href={`/evaluations/followups/${f.id}`}
                    title={t("followup", { cycle: `${f.cycleName} ${f.cycleLabel}` })}
                    when={f.nextDueOn ?? undefined}
                  />
                )}
              </For>
              <For each={member().evaluations}>
                {(e) => (
                  <Todo
                    href={`/evaluations/cycle/${e.cycleId}/${e.kind}`}
                    title={t(e.kind, { cycle: cycleName(e) })}
                    when={t("closes", { date: formatDay(e.dueAt) })}
                    tag={e.returned ? t("returned") : undefined}
                    warn
                  />
                )}
              </For>
              <For each={member().courses}>
                {(c) => (
                  <Todo
                    href={`/courses/${c.courseId}`}
                    title={t("course", { title: c.title })}
                    when={due(c.dueAt)}
                    tag={c.overdue ? t("overdue") : undefined}
                    warn
                  />
                )}
              </For>
              <Show when={member().coursesLeft > member().courses.length}>
                <Todo href="/study" title={t("moreCourses", { n: member().coursesLeft })} />
              </Show>
              <For each={member().quizzes}>
                {(q) => (
                  <Todo
                    href={`/quizzes/take/${q.quizId}`}
                    title={t("quiz", { title: q.title })}
                    when={q.closesAt == null ? t("noDue") : t("closes", { date: formatDay(q.closesAt) })}
                  />
                )}
              </For>
            </Section>
            <section class="home-section">
              <h2>{t("hours", { year: member().hours.year })}</h2>
              <A href="/study" class="todo">
                <span class="todo-title">
                  {t("hoursOf", { hours: formatHours(member().hours.hours), quota: formatHours(member().hours.quota) })}
                </span>
                <span class="progress" aria-hidden="true">
                  <span
                    style={{ width: `${Math.min(100, (100 * member().hours.hours) / (member().hours.quota || 1))}%` }}
                  />
                </span>
              </A>
            </section>
            <Show when={member().latest}>
              {(l) => (
                <Section title={t("latest")} empty="" count={1}>
                  <Show
                    when={l().kind === "quiz" && l().attemptId}
                    fallback={
                      <Todo
                        href="/study"
                        title={t("latestCourse", {
                          title: l().title,
                          hours: formatHours(l().hours),
                          date: formatDay(l().at),
                        })}
                      />
                    }
                  >
                    {(attemptId) => (
                      <Todo
                        href={`/quizzes/attempt/${attemptId()}`}
                        title={t("latestQuiz", { title: l().title, date: formatDay(l().at) })}
                      />
                    )}
                  </Show>
                </Section>
              )}
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
