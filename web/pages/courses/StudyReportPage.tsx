import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime, formatHours, formatPercent } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { createPagedList, Pager } from "../../components/Pager";
import { SheetDownloads } from "../../components/SheetDownloads";
import { useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { BranchStudyChart } from "./BranchStudyChart";
import { CourseItem } from "./CourseItem";
import { courseMessages } from "./messages";
import { StudyChart } from "./StudyChart";

/** The secretary's (or committee's) table: who completed what, overdue, hours against quota, flagged completions. */
export default function StudyReportPage() {
  const t = useT(courseMessages);
  const ts = useT(shellMessages);
  const [orgId, setOrgId] = createSignal("");
  // The members a page at a time; the course rates and flagged completions of the whole subtree beside them.
  const members = createPagedList((offset) =>
    call(api.orgs[":id"]["study-report"].$get({ param: { id: orgId() }, query: { offset: String(offset) } })),
  );
  // The course rates a page of courses at a time; the flagged completions come with each page.
  const ratesPage = (offset: number) =>
    call(api.orgs[":id"]["study-report"].courses.$get({ param: { id: orgId() }, query: { offset: String(offset) } }));
  const [flagged, setFlagged] = createSignal<Awaited<ReturnType<typeof ratesPage>>["flagged"]>([]);
  const rates = createPagedList((offset) =>
    ratesPage(offset).then((page) => {
      setFlagged(page.flagged);
      return page;
    }),
  );
  createEffect(on(orgId, (id) => id && Promise.all([members.load(), rates.load()])));
  const { run, error } = createAction(
    () => "",
    () => Promise.all([rates.load(), members.load()]),
  );
  // The chart of the year: the subtree's kept months (a committee's sum its branches').
  const [months] = createResource(
    () => orgId() || null,
    (id) => call(api.orgs[":id"]["study-report"].months.$get({ param: { id }, query: {} })),
  );
  const [memberId, setMemberId] = createSignal<string | null>(null);
  const [member] = createResource(memberId, (id) => call(api.study.members[":id"].$get({ param: { id } })));
  const review = (id: string, decision: "accept" | "reject") =>
    run(() => call(api.completions[":id"].review.$post({ param: { id }, json: { decision } })));

  return (
    <section class="page">
      <h1>{t("report")}</h1>
      <div class="form">
        <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Feedback error={error()} />
      <Show when={rates.loaded()}>
        <p class="row actions">
          <SheetDownloads class="button" href={`/api/orgs/${orgId()}/study-report/export`} csvLabel={t("exportCsv")} />
        </p>
        <Show when={months.state === "ready" ? months() : undefined}>
          {(m) => <BranchStudyChart year={m().year} months={m().months} />}
        </Show>
        <Feedback error={months.error} />
        <p class="muted">{t("memberStudyHint")}</p>
        <DataTable
          caption={t("report")}
          empty={t("noMembers")}
          rows={members.items()}
          columns={[
            {
              header: t("name"),
              cell: (m) => (
                <>
                  <button
                    type="button"
                    class="link"
                    aria-pressed={memberId() === m.userId}
                    onClick={() => setMemberId(m.userId)}
                  >
                    {m.name}
                  </button>
                  <Show when={m.role === "secretary"}>
                    {" "}
                    <span class="tag">{ts("role_secretary")}</span>
                  </Show>
                  <Show when={m.role === "cadre"}>
                    {" "}
                    <span class="tag">{t("cadreTag")}</span>
                  </Show>
                </>
              ),
            },
            { header: t("branch"), cell: (m) => m.orgName },
            { header: t("required"), cell: (m) => m.required },
            { header: t("lessons"), cell: (m) => `${m.lessonsDone}/${m.lessons}` },
            { header: t("completed"), cell: (m) => m.completed },
            { header: t("overdue"), cell: (m) => m.overdue, classList: (m) => ({ warn: m.overdue > 0 }) },
            {
              header: t("hours"),
              // The quota counts online and offline 学时 together.
              cell: (m) => (
                <>
                  {t("hoursOf", { h: formatHours(m.counted), q: formatHours(m.quota) })}{" "}
                  <span class="muted">
                    {t("hoursSplit", { on: formatHours(m.hours), off: formatHours(m.offlineHours) })}
                  </span>
                </>
              ),
              classList: (m) => ({ warn: m.counted < m.quota }),
            },
          ]}
        />
        <Pager next={members.next()} onMore={members.more} />
        <Feedback error={members.error() ?? member.error} />
        <Show when={memberId() ? member() : undefined}>
          {(d) => (
            <section
              class="card member-study"
              aria-labelledby="member-study-h"
              ref={(el) => queueMicrotask(() => el.scrollIntoView?.({ block: "start" }))}
            >
              <h2 id="member-study-h">{t("memberStudy", { name: d().member.displayName })}</h2>
              <p>
                {d().member.branchName} · {t("hoursOf", { h: formatHours(d().counted), q: formatHours(d().quota) })} ·{" "}
                {t("hoursSplit", { on: formatHours(d().hours), off: formatHours(d().offlineHours) })}
              </p>
              <StudyChart year={d().year} months={d().months} quota={d().quota} />
              <ul class="cards">
                <For each={[...d().required, ...d().elective]} fallback={<li class="muted">{t("noneAssigned")}</li>}>
                  {(i) => <CourseItem item={i} />}
                </For>
              </ul>
              <button type="button" onClick={() => setMemberId(null)}>
                {t("close")}
              </button>
            </section>
          )}
        </Show>
        <h2>{t("rates")}</h2>
        <DataTable
          rows={rates.items()}
          columns={[
            { header: t("courses"), cell: (c) => c.title },
            { header: t("assigned"), cell: (c) => c.assigned },
            { header: t("completed"), cell: (c) => c.completed },
            { header: t("overdue"), cell: (c) => c.overdue },
            { header: t("rate"), cell: (c) => formatPercent(c.rate) },
          ]}
        />
        <Pager next={rates.next()} onMore={rates.more} />
        <h2>{t("flaggedList")}</h2>
        <ul class="cards">
          <For each={flagged()} fallback={<li class="muted">{t("noFlagged")}</li>}>
            {(f) => (
              <li class="card">
                <span>
                  <strong>{f.name}</strong> · {f.title}
                  <br />
                  <span class="muted">
                    {t("completedAt")}: {formatDateTime(f.completedAt)}
                  </span>
                </span>
                <span class="row">
                  <button type="button" class="primary" onClick={() => review(f.id, "accept")}>
                    {t("accept")}
                  </button>
                  <button type="button" onClick={() => review(f.id, "reject")}>
                    {t("reject")}
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
