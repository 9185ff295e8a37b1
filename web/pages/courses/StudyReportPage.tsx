import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime, formatNumber } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { hours } from "./labels";
import { courseMessages } from "./messages";

/** The secretary's (or committee's) table: who completed what, overdue, hours against quota, flagged completions. */
export default function StudyReportPage() {
  const t = useT(courseMessages);
  const ts = useT(shellMessages);
  const [orgId, setOrgId] = createSignal("");
  const [report, { refetch }] = createResource(orgId, (id) =>
    id ? call(api.orgs[":id"]["study-report"].$get({ param: { id }, query: {} })) : null,
  );
  const { run, error } = createAction(() => "", refetch);
  const review = (id: string, decision: "accept" | "reject") =>
    run(() => call(api.completions[":id"].review.$post({ param: { id }, json: { decision } })));

  return (
    <section class="page">
      <h1>{t("report")}</h1>
      <div class="form">
        <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Feedback error={error()} />
      <Show when={report()}>
        {(r) => (
          <>
            <p>
              <a class="button" href={`/api/orgs/${orgId()}/study-report.csv`} download="">
                {t("exportCsv")}
              </a>
            </p>
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{t("report")}</caption>
                <thead>
                  <tr>
                    <th>{t("name")}</th>
                    <th>{t("branch")}</th>
                    <th>{t("required")}</th>
                    <th>{t("lessons")}</th>
                    <th>{t("completed")}</th>
                    <th>{t("overdue")}</th>
                    <th>{t("hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={r().members}
                    fallback={
                      <tr>
                        <td colspan="7" class="muted">
                          {t("noMembers")}
                        </td>
                      </tr>
                    }
                  >
                    {(m) => (
                      <tr>
                        <td>
                          {m.name}
                          <Show when={m.role === "secretary"}>
                            {" "}
                            <span class="tag">{ts("role_secretary")}</span>
                          </Show>
                        </td>
                        <td>{m.orgName}</td>
                        <td>{m.required}</td>
                        <td>{`${m.lessonsDone}/${m.lessons}`}</td>
                        <td>{m.completed}</td>
                        <td classList={{ warn: m.overdue > 0 }}>{m.overdue}</td>
                        <td classList={{ warn: m.hours < m.quota }}>
                          {t("hoursOf", { h: hours(m.hours), q: hours(m.quota) })}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h2>{t("rates")}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("courses")}</th>
                    <th>{t("assigned")}</th>
                    <th>{t("completed")}</th>
                    <th>{t("overdue")}</th>
                    <th>{t("rate")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().courses}>
                    {(c) => (
                      <tr>
                        <td>{c.title}</td>
                        <td>{c.assigned}</td>
                        <td>{c.completed}</td>
                        <td>{c.overdue}</td>
                        <td>{c.rate == null ? "—" : `${formatNumber(c.rate * 100, 0)}%`}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h2>{t("flaggedList")}</h2>
            <ul class="cards">
              <For each={r().flagged} fallback={<li class="muted">{t("noFlagged")}</li>}>
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
          </>
        )}
      </Show>
    </section>
  );
}
