import { A, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatHours, today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { SearchPicker } from "../../components/SearchPicker";
import { loadMaterials } from "./courses";
import type { OrgLifeKey } from "./messages";
import { Talks } from "./Talks";
import { useOrgLifeText } from "./text";

const loadYear = (id: string) => call(api.orgs[":id"].orglife.$get({ param: { id }, query: {} }));
type Year = Awaited<ReturnType<typeof loadYear>>;

/** Each kind against its rhythm this year: held, periods short, what is due now. */
function RhythmTable(props: { kinds: Year["kinds"] | undefined }) {
  const { t, kindName, rhythm } = useOrgLifeText();
  return (
    <DataTable
      rows={props.kinds}
      columns={[
        { header: t("kind"), cell: (k) => kindName(k) },
        { header: t("rhythm"), cell: (k) => rhythm(k.rhythm) },
        { header: t("held"), cell: (k) => String(k.held) },
        {
          header: t("status"),
          cell: (k) =>
            k.behind > 0 ? t("behindBy", { n: k.behind }) : k.due ? t("dueBy", { date: k.due.endsOn }) : t("onTrack"),
          classList: (k) => ({ warn: k.behind > 0 }),
        },
      ]}
    />
  );
}

/** The secretary plans a meeting; a course from the catalogue can be its study material. */
function PlanMeeting(props: { orgId: string; onDone: () => void }) {
  const { t, kindName } = useOrgLifeText();
  const [kinds] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].orglife.kinds.$get({ param: { id } })),
  );
  const [courses] = createResource(loadMaterials);
  const [course, setCourse] = createSignal("");
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    const hours = optionalText(f.get("studyHours"));
    await call(
      api.orgs[":id"].orglife.meetings.$post({
        param: { id: props.orgId },
        json: {
          kind: String(f.get("kind") ?? ""),
          topic: String(f.get("topic") ?? ""),
          meetingOn: String(f.get("meetingOn") ?? ""),
          place: String(f.get("place") ?? ""),
          online: f.get("online") === "on",
          courseId: course() || null,
          studyHours: hours ? Number(hours) : null,
        },
      }),
    );
    form.reset();
    setCourse("");
  };
  return (
    <details class="card-details">
      <summary>{t("plan")}</summary>
      <ActionForm action={action} onSubmit={submit} submit={t("save")} novalidate>
        <div class="row">
          <Field label={t("kind")} name="kind">
            <select name="kind" required>
              <For each={kinds()?.kinds}>{(k) => <option value={k.id}>{kindName(k)}</option>}</For>
            </select>
          </Field>
          <Field label={t("meetingOn")} name="meetingOn">
            <input name="meetingOn" type="date" value={today()} required />
          </Field>
        </div>
        <Field label={t("topic")} name="topic">
          <input name="topic" required maxlength="200" />
        </Field>
        <div class="row">
          <Field label={t("place")} name="place">
            <input name="place" maxlength="200" />
          </Field>
          <label class="check">
            <input type="checkbox" name="online" /> {t("online")}
          </label>
        </div>
        <SearchPicker
          label={t("material")}
          items={courses()}
          value={course()}
          onChange={setCourse}
          name="courseId"
          none={t("noMaterial")}
        />
        <Field label={t("studyHours")} name="studyHours">
          <input name="studyHours" type="number" min="0.25" max="40" step="0.25" inputmode="decimal" />
        </Field>
      </ActionForm>
    </details>
  );
}

function Meetings(props: { rows: Year["meetings"] | undefined }) {
  const { t, kindName } = useOrgLifeText();
  return (
    <DataTable
      rows={props.rows}
      empty={t("none")}
      columns={[
        { header: t("meetingOn"), cell: (m) => String(m.meetingOn) },
        { header: t("kind"), cell: (m) => kindName({ kind: String(m.kind), name: null }) },
        { header: t("topic"), cell: (m) => <A href={`/orglife/meeting/${m.id}`}>{String(m.topic)}</A> },
        { header: t("status"), cell: (m) => t(`s_${m.status}` as OrgLifeKey) },
      ]}
    />
  );
}

function Attendance(props: { rows: Year["members"] | undefined }) {
  const { t } = useOrgLifeText();
  return (
    <DataTable
      rows={props.rows}
      empty={t("none")}
      columns={[
        { header: t("name"), cell: (m) => m.name },
        { header: t("present"), cell: (m) => String(m.present) },
        { header: t("leave"), cell: (m) => String(m.leave) },
        { header: t("absent"), cell: (m) => String(m.absent) },
        { header: t("hours"), cell: (m) => formatHours(m.hours) },
      ]}
    />
  );
}

/** A branch's year at a glance: the rhythm per kind, its meetings, attendance per member and talks. */
export default function OrgLifePage() {
  const { t } = useOrgLifeText();
  const [search] = useSearchParams();
  const [orgId, setOrgId] = createSignal(typeof search.org === "string" ? search.org : "");
  const [year, { refetch }] = createResource(() => orgId() || undefined, loadYear);
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <div class="row">
        <div>
          <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
        </div>
      </div>
      {/* A committee's own page is the overview of its branches. */}
      <Show
        when={year.error instanceof ApiFailure && year.error.field("orgId")?.code === "not_a_branch"}
        fallback={<Feedback error={year.error} />}
      >
        <p>
          {t("chooseBranch")} <A href={`/orglife/overview?org=${orgId()}`}>{t("overview")}</A>
        </p>
      </Show>
      <Show when={!year.error && year()}>
        {(y) => (
          <>
            <h2>
              {y().branch.name} · {y().year}
            </h2>
            <RhythmTable kinds={y().kinds} />
            <PlanMeeting orgId={orgId()} onDone={refetch} />
            {/* A year of meetings and a row per member are long on a phone: each opens on demand. */}
            <details class="card-details">
              <summary>{t("meetingsCount", { n: y().meetings.length })}</summary>
              <Meetings rows={y().meetings} />
            </details>
            <details class="card-details">
              <summary>{t("attendanceTitle")}</summary>
              <Attendance rows={y().members} />
            </details>
            <Talks orgId={orgId()} members={y().members} />
          </>
        )}
      </Show>
    </section>
  );
}
