import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { ATTENDANCE } from "../../../schema/orglife/values";
import { api, call } from "../../api";
import { ActionForm, optionalText, requireFilled } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { SearchPicker } from "../../components/SearchPicker";
import { loadMaterials } from "./courses";
import type { OrgLifeKey } from "./messages";
import { useOrgLifeText } from "./text";

const load = (id: string) => call(api.orglife.meetings[":id"].$get({ param: { id } }));
type Detail = Awaited<ReturnType<typeof load>>;

/** The cycles a 组织生活会 can conclude: the branch's appraisal cycles, by name. */
function CyclePicker(props: { branchId: string; value: string; onChange: (id: string) => void }) {
  const { t } = useOrgLifeText();
  const [cycles] = createResource(
    () => props.branchId,
    (id) =>
      call(api.orgs[":id"].orglife.cycles.$get({ param: { id } })).then((r) =>
        r.items.map((c) => ({ id: c.id, label: `${c.name}（${c.label}）` })),
      ),
  );
  return (
    <SearchPicker
      label={t("cycle")}
      items={cycles()}
      value={props.value}
      onChange={props.onChange}
      name="cycleId"
      none={t("noCycle")}
    />
  );
}

/** The secretary changes a meeting not yet held: its date, place, topic, material and hours. */
function EditPlan(props: { detail: Detail; onDone: () => void }) {
  const { t } = useOrgLifeText();
  const m = () => props.detail.meeting;
  const [courses] = createResource(loadMaterials);
  const [course, setCourse] = createSignal(props.detail.course?.id ?? "");
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    requireFilled(form);
    const hours = optionalText(f.get("studyHours"));
    await call(
      api.orglife.meetings[":id"].$patch({
        param: { id: m().id },
        json: {
          topic: String(f.get("topic") ?? ""),
          meetingOn: String(f.get("meetingOn") ?? ""),
          place: String(f.get("place") ?? ""),
          online: f.get("online") === "on",
          courseId: course() || null,
          studyHours: hours ? Number(hours) : null,
        },
      }),
    );
  };
  return (
    <details class="card-details">
      <summary>{t("edit")}</summary>
      <ActionForm action={action} onSubmit={submit} submit={t("save")} novalidate>
        <Field label={t("meetingOn")} name="meetingOn">
          <input name="meetingOn" type="date" value={m().meetingOn} required />
        </Field>
        <Field label={t("topic")} name="topic">
          <input name="topic" required maxlength="200" value={m().topic} />
        </Field>
        <div class="row">
          <Field label={t("place")} name="place">
            <input name="place" maxlength="200" value={m().place} />
          </Field>
          <label class="check">
            <input type="checkbox" name="online" checked={m().online} /> {t("online")}
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
          <input
            name="studyHours"
            type="number"
            min="0.25"
            max="40"
            step="0.25"
            inputmode="decimal"
            value={m().studyHours ?? ""}
          />
        </Field>
      </ActionForm>
    </details>
  );
}

/** Minutes and attendance, recorded (or corrected) by the secretary; every member's status is chosen here. */
function RecordForm(props: { detail: Detail; onDone: () => void }) {
  const { t } = useOrgLifeText();
  const m = () => props.detail.meeting;
  const [cycle, setCycle] = createSignal(props.detail.cycle?.id ?? "");
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData) => {
    const hours = optionalText(f.get("studyHours"));
    await call(
      api.orglife.meetings[":id"].record.$post({
        param: { id: m().id },
        json: {
          content: String(f.get("content") ?? ""),
          decisions: String(f.get("decisions") ?? ""),
          speakers: String(f.get("speakers") ?? ""),
          cycleId: m().kind === "life_meeting" ? cycle() || null : undefined,
          studyHours: hours ? Number(hours) : null,
          attendance: props.detail.attendance.flatMap((a) => {
            const status = f.get(`status-${a.userId}`);
            if (!status) return [];
            return [
              {
                userId: a.userId,
                status: status as (typeof ATTENDANCE)[number],
                reason: String(f.get(`reason-${a.userId}`) ?? ""),
              },
            ];
          }),
        },
      }),
    );
  };
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      submit={m().status === "held" ? t("correct") : t("record")}
      novalidate
    >
      <p class="muted">{t("recordNote")}</p>
      <Field label={t("minutes")} name="content">
        <textarea name="content" rows="4" required maxlength="20000" value={m().content} />
      </Field>
      <Field label={m().kind === "life_meeting" ? t("resolutions") : t("decisions")} name="decisions">
        <textarea name="decisions" rows="3" maxlength="5000" value={m().decisions} />
      </Field>
      <Show when={m().kind === "lecture"}>
        <Field label={t("speakers")} name="speakers">
          <input name="speakers" maxlength="500" value={m().speakers} />
        </Field>
      </Show>
      <Show when={m().kind === "life_meeting"}>
        <CyclePicker branchId={props.detail.branch.id} value={cycle()} onChange={setCycle} />
      </Show>
      <Field label={t("studyHours")} name="studyHours">
        <input
          name="studyHours"
          type="number"
          min="0.25"
          max="40"
          step="0.25"
          inputmode="decimal"
          value={m().studyHours ?? ""}
        />
      </Field>
      <h2>{t("attendanceTitle")}</h2>
      <button
        type="button"
        onClick={(e) => {
          const form = e.currentTarget.closest("form");
          for (const r of form?.querySelectorAll<HTMLInputElement>('input[type="radio"][value="present"]') ?? [])
            r.checked = true;
        }}
      >
        {t("allPresent")}
      </button>
      <ul class="attendance">
        <For each={props.detail.attendance}>
          {(a) => (
            <li>
              <fieldset>
                <legend>{a.name}</legend>
                <For each={ATTENDANCE}>
                  {(s) => (
                    <label class="check">
                      <input type="radio" name={`status-${a.userId}`} value={s} checked={a.status === s} />
                      {t(s as OrgLifeKey)}
                    </label>
                  )}
                </For>
                <input
                  name={`reason-${a.userId}`}
                  aria-label={`${a.name} ${t("reason")}`}
                  placeholder={t("reason")}
                  maxlength="200"
                  value={a.reason}
                />
              </fieldset>
            </li>
          )}
        </For>
      </ul>
    </ActionForm>
  );
}

/** One meeting: what was planned, and the record the secretary keeps of it. */
export default function MeetingPage() {
  const params = useParams();
  const { t, kindName } = useOrgLifeText();
  const [detail, { refetch }] = createResource(() => params.id ?? "", load);
  const cancel = createAction(() => t("saved"), refetch);
  return (
    <section class="page">
      <Feedback error={detail.error} />
      <Show when={!detail.error && detail()}>
        {(d) => (
          <>
            <p>
              <A href={`/orglife?org=${d().branch.id}`}>{t("back")}</A>
            </p>
            <h1>{d().meeting.topic}</h1>
            <p>
              <span class="tag">{kindName({ kind: d().meeting.kind, name: null })}</span>{" "}
              <span class="tag">{t(`s_${d().meeting.status}` as OrgLifeKey)}</span>
            </p>
            <p class="muted">
              {d().branch.name} · {d().meeting.meetingOn} · {d().meeting.place}
              <Show when={d().meeting.online}> · {t("online_mark")}</Show>
            </p>
            <Show when={d().course}>
              {(c) => (
                <p>
                  {t("material")}: <A href={`/courses/${c().id}`}>{c().title}</A>
                </p>
              )}
            </Show>
            <Show when={d().meeting.status === "planned"}>
              <EditPlan detail={d()} onDone={refetch} />
            </Show>
            <Show when={d().meeting.status !== "cancelled"}>
              <RecordForm detail={d()} onDone={refetch} />
            </Show>
            <Show when={d().meeting.status === "planned"}>
              <button
                type="button"
                onClick={async () => {
                  if (await confirmAction(t("cancelConfirm"), t("cancel")))
                    cancel.run(() => call(api.orglife.meetings[":id"].cancel.$post({ param: { id: d().meeting.id } })));
                }}
              >
                {t("cancel")}
              </button>
              <Feedback error={cancel.error()} notice={cancel.notice()} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
