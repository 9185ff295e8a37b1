import { useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { ARCHIVE_KINDS, type ArchiveKind } from "../../../schema/archives/kinds";
import { ARCHIVE_KIND_LABELS } from "../../../schema/archives/labels";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime, formatDay, formatHours, formatPercent, formatScore } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { sheetMessages } from "../../components/SheetDownloads";
import { locale, useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { hasRole, me, orgsWithRole } from "../../session";
import { messages as developmentMessages } from "../development/messages";
import { followupArchiveText } from "../evaluations/followupMessages";
import { messages as evaluationMessages } from "../evaluations/messages";
import { serviceMessages } from "../services/messages";
import { talentArchiveText } from "../talent/archiveText";
import { archiveMessages } from "./messages";

type Event = Awaited<ReturnType<typeof loadPage>>["items"][number];
const loadPage = (id: string, q: { kind?: ArchiveKind | ""; year?: string; text?: string; offset: number }) =>
  call(
    api.archives[":id"].$get({
      param: { id },
      query: {
        limit: "50",
        offset: String(q.offset),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.year ? { year: q.year } : {}),
        ...(q.text ? { q: q.text } : {}),
      },
    }),
  );

function genericText(s: Record<string, unknown>) {
  return Object.entries(s)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}: ${v}`)
    .join(" · ");
}

/** A member's timeline; secretaries and committees open others' via /archive/:id. */
export default function ArchivePage() {
  const t = useT(archiveMessages);
  const params = useParams();
  const [picked, setPicked] = createSignal<string | null>(null);
  const memberId = () => params.id ?? picked() ?? me()?.id ?? "";
  const kindLabel = (k: string) => ARCHIVE_KIND_LABELS[locale()][k as ArchiveKind] ?? k;
  const ts = useT(serviceMessages);
  const tShell = useT(shellMessages);
  const tSheet = useT(sheetMessages);
  const tEval = useT(evaluationMessages);
  const tDev = useT(developmentMessages);
  /** A readable line for the kinds this feature knows; others show their fields. */
  const summaryText = (e: Event) => {
    const s = e.summary as Record<string, any>;
    switch (e.kind) {
      case "service":
        return t("s_service", { category: ts(s.category), hours: formatHours(s.hours), place: s.place ?? "" });
      case "vanguard":
        return t("s_vanguard", {
          score: s.score === null ? t("noScore") : formatScore(s.score),
          from: formatDay(s.periodStart),
          to: formatDay(s.periodEnd - 1),
        });
      case "vanguard_adjustment":
        return t("s_adjustment", {
          kind: t(`adj_${s.kind}` as Parameters<typeof t>[0]),
          points: formatScore(s.points),
          reason: s.reason ?? "",
        });
      case "joined":
        return t("s_joined", { org: s.orgName ?? "" });
      case "transferred":
        return t("s_transferred", { from: s.from ?? "", to: s.to ?? "" });
      case "role_granted":
      case "role_revoked":
        return t("s_role", { org: s.orgName ?? "", role: tShell(`role_${s.role}` as Parameters<typeof tShell>[0]) });
      case "course_completed":
        return t("s_course", { title: s.title ?? "", hours: formatHours(s.hours) });
      case "quiz.passed":
      case "quiz.graded":
      case "quiz.regraded":
        return t("s_quiz", {
          title: s.title ?? "",
          percent: formatPercent((s.percent ?? 0) / 100),
          result: s.passed ? t("passed") : t("notPassed"),
        });
      case "self_analysis_accepted":
        return t("s_analysis", { cycle: s.cycle ?? "", label: s.label ?? "", version: s.version, n: s.rectifications });
      case "appraisal_grade":
        return t("s_appraisal", {
          cycle: s.cycle ?? "",
          label: s.label ?? "",
          grade: tEval(`g_${s.grade}` as Parameters<typeof tEval>[0]),
        });
      case "development": {
        const step = tDev(`step_${s.step}` as Parameters<typeof tDev>[0]);
        if (s.correction) return tDev("s_development_correction", { step, reason: s.reason ?? "" });
        return tDev(s.late ? "s_development_late" : "s_development", { step });
      }
      case "followup":
        return followupArchiveText(s);
      case "commendation":
        return t("s_commendation", { round: s.round ?? "", committee: s.committee ?? "" });
      default:
        return talentArchiveText(e.kind, s) ?? genericText(s);
    }
  };
  const [kind, setKind] = createSignal<ArchiveKind | "">("");
  const [year, setYear] = createSignal("");
  const [text, setText] = createSignal("");
  const [member, setMember] = createSignal<{ displayName: string; branchName: string } | null>(null);
  const [printRows, setPrintRows] = createSignal<Event[] | null>(null);
  const [facets] = createResource(memberId, (id) => call(api.archives[":id"].facets.$get({ param: { id } })));
  const leaders = orgsWithRole("secretary", "admin");
  const [roster] = createResource(
    () => (hasRole("secretary", "admin") ? leaders[0]?.orgId : undefined),
    (id) => call(api.orgs[":id"].members.$get({ param: { id }, query: { limit: "200" } })),
  );
  // The development story opens the archive (the first unfiltered page brings it), oldest step first.
  const [story, setStory] = createSignal<Event[]>([]);
  const list = createPagedList(async (offset) => {
    const r = await loadPage(memberId(), { kind: kind(), year: year(), text: text(), offset });
    setMember(r.member);
    if (offset === 0) setStory(r.story);
    return r;
  });
  createEffect(on([memberId, kind, year, text], () => memberId() && list.load()));
  const print = async () => {
    const k = kind();
    const r = await call(
      api.archives[":id"].export.$get({
        param: { id: memberId() },
        query: { format: "json", ...(k ? { kind: k } : {}), ...(year() ? { year: year() } : {}) },
      }),
    );
    if (typeof r === "object" && "events" in r) setPrintRows(r.events);
    setTimeout(() => window.print(), 50);
  };
  /** The kinds this member has events of, in the shared list's order (the validator accepts exactly these). */
  const kinds = () => ARCHIVE_KINDS.filter((k) => facets()?.items.some((f) => f.kind === k));
  const years = () => [...new Set((facets()?.items ?? []).map((f) => f.year))].sort().reverse();
  /** The download carries the filters shown, so it exports what the page lists. */
  const exportUrl = (format: string) => {
    const q = new URLSearchParams({ format, ...(kind() ? { kind: kind() } : {}), ...(year() ? { year: year() } : {}) });
    return `/api/archives/${memberId()}/export?${q}`;
  };
  const rows = () => printRows() ?? list.items();
  return (
    <section class="page archive">
      <h1>{member() ? t("of", { name: member()?.displayName ?? "" }) : t("title")}</h1>
      <p class="muted">{member()?.branchName}</p>
      <p class="print-only muted">{t("printedAt", { at: formatDateTime(Date.now()) })}</p>
      <div class="no-print">
        <Show when={!params.id && roster()?.items.length}>
          <Field label={t("member")}>
            <select id="archive-member" value={memberId()} onChange={(e) => setPicked(e.currentTarget.value)}>
              <option value={me()?.id ?? ""}>{me()?.displayName}</option>
              <For each={roster()?.items.filter((m) => m.id !== me()?.id)}>
                {(m) => <option value={m.id}>{m.displayName}</option>}
              </For>
            </select>
          </Field>
        </Show>
        <div class="row">
          <Field label={t("kind")}>
            <select
              id="archive-kind"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as ArchiveKind | "")}
            >
              <option value="">{t("all")}</option>
              <For each={kinds()}>{(k) => <option value={k}>{kindLabel(k)}</option>}</For>
            </select>
          </Field>
          <Field label={t("year")}>
            <select id="archive-year" value={year()} onChange={(e) => setYear(e.currentTarget.value)}>
              <option value="">{t("all")}</option>
              <For each={years()}>{(y) => <option value={String(y)}>{y}</option>}</For>
            </select>
          </Field>
        </div>
        <form
          class="row"
          aria-label={t("search")}
          onSubmit={(e) => {
            e.preventDefault();
            setText(String(new FormData(e.currentTarget).get("q") ?? "").trim());
          }}
        >
          <Field label={t("search")} name="q">
            <input id="archive-q" name="q" type="search" maxlength="50" value={text()} />
          </Field>
          <button type="submit">{t("search")}</button>
        </form>
        <div class="row archive-tools">
          <button type="button" class="primary" onClick={print}>
            {t("print")}
          </button>
          <a href={exportUrl("json")} download="">
            {t("exportJson")}
          </a>
          <a href={exportUrl("csv")} download="">
            {t("exportCsv")}
          </a>
          <a href={exportUrl("xlsx")} download="">
            {tSheet("exportExcel")}
          </a>
        </div>
      </div>
      <Feedback error={list.error()} />
      <Show when={!printRows() && story().length}>
        <h2>{t("story")}</h2>
        <ol class="timeline story">
          <For each={story()}>
            {(e) => (
              <li>
                <time>{formatDay(e.occurredAt)}</time>
                <strong>{summaryText(e)}</strong>
                <span class="muted"> · {e.orgName}</span>
              </li>
            )}
          </For>
        </ol>
        <h2>{t("timeline")}</h2>
      </Show>
      <Show when={rows().length} fallback={<p class="muted">{text() ? t("noMatch", { q: text() }) : t("none")}</p>}>
        <ol class="timeline">
          <For each={rows()}>
            {(e) => (
              <li>
                <time>{formatDay(e.occurredAt)}</time>
                <strong>{kindLabel(e.kind)}</strong>
                <span class="muted"> · {e.orgName}</span>
                <div class="summary">{summaryText(e)}</div>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={!printRows()}>
        <div class="no-print">
          <Pager next={list.next()} onMore={list.more} />
        </div>
      </Show>
    </section>
  );
}
