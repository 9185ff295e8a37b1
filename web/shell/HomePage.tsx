import { A } from "@solidjs/router";
import { createResource, For, lazy, Show } from "solid-js";
import { Feedback } from "../components/Feedback";
import { formatDay, formatHours } from "../components/format";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { me } from "../session";
import { cycleName, type Home, loadHome, Section, Todo } from "./HomeTodo";
import { homeMessages } from "./homeMessages";

const HomeManager = lazy(() => import("./HomeManager"));

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

function HomeSections(props: { home: Home }) {
  const t = useT(homeMessages);
  const due = (at: number | null) => (at == null ? t("noDue") : t("due", { date: formatDay(at) }));
  const m = () => props.home.member;
  return (
    <>
      <Show when={props.home.branches.length || props.home.committees.length || props.home.grading}>
        <HomeManager home={props.home} />
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
