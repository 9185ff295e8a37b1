import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { askText } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatHours, today } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { failureText, fieldText } from "../../i18n/errors";
import { hasRole, orgsWithRole } from "../../session";
import { CATEGORIES, serviceMessages } from "./messages";

type Item = Awaited<ReturnType<typeof loadMine>>["items"][number];
const loadMine = (offset: number) => call(api.services.mine.$get({ query: { limit: "20", offset: String(offset) } }));

function ServiceCard(props: { item: Item; children?: any }) {
  const t = useT(serviceMessages);
  const i = () => props.item;
  return (
    <li class="card service-card">
      <div>
        <strong>{t(i().category)}</strong> · {i().servedOn} · {t("hoursN", { n: formatHours(i().hours) })} ·{" "}
        {t("people", { n: i().peopleServed })}
        <div class="muted">
          {i().memberName} · {i().place}
        </div>
        <div>{i().description}</div>
        <Show when={i().rejectReason}>
          <div class="warn">
            {t("reason")}: {i().rejectReason}
          </div>
        </Show>
      </div>
      <span class={`tag status-${i().status}`}>{t(i().status)}</span>
      {props.children}
    </li>
  );
}

function ReviewList() {
  const t = useT(serviceMessages);
  const orgs = orgsWithRole("secretary", "admin");
  // The org a notice links to (?org=) or the reader picked before (kept in the address), else their first.
  const [search, setSearch] = useSearchParams();
  const linked = orgs.find((o) => o.orgId === search.org);
  const [orgId, setOrgId] = createSignal(linked?.orgId ?? orgs[0]?.orgId ?? "");
  const pick = (id: string) => {
    setOrgId(id);
    setSearch({ org: id }, { replace: true });
  };
  const [items, { refetch }] = createResource(orgId, (id) =>
    call(api.orgs[":id"].services.$get({ param: { id }, query: { status: "pending", limit: "50", offset: "0" } })),
  );
  const { run, error } = createAction(() => "", refetch);
  const confirmRecord = (id: string) => run(() => call(api.services[":id"].confirm.$post({ param: { id } })));
  const reject = async (id: string) => {
    const reason = await askText(t("reject"), t("rejectReason"));
    if (reason) await run(() => call(api.services[":id"].reject.$post({ param: { id }, json: { reason } })));
  };
  return (
    <section>
      <h2>{t("review")}</h2>
      <Show when={orgs.length > 1}>
        <Field label={t("org")}>
          <select id="review-org" value={orgId()} onChange={(e) => pick(e.currentTarget.value)}>
            <For each={orgs}>{(o) => <option value={o.orgId}>{o.orgName}</option>}</For>
          </select>
        </Field>
      </Show>
      <Feedback error={error()} />
      <Show when={items()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={items()?.items}>
            {(i) => (
              <ServiceCard item={i}>
                <div class="row">
                  <button type="button" class="primary" onClick={() => confirmRecord(i.id)}>
                    {t("confirm")}
                  </button>
                  <button type="button" onClick={() => reject(i.id)}>
                    {t("reject")}
                  </button>
                </div>
              </ServiceCard>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export default function ServicesPage() {
  const t = useT(serviceMessages);
  const list = createPagedList(loadMine);
  list.load();
  const record = createAction(() => t("saved"), list.load);
  const withdrawal = createAction(() => "", list.load);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.services.$post({
        json: {
          category: String(f.get("category")) as (typeof CATEGORIES)[number],
          servedOn: String(f.get("servedOn")),
          hours: Number(f.get("hours")),
          place: String(f.get("place")),
          peopleServed: Number(f.get("peopleServed")),
          description: String(f.get("description")),
        },
      }),
    );
    form.reset();
  };
  const withdraw = (id: string) => withdrawal.run(() => call(api.services[":id"].$delete({ param: { id } })));
  const servedOnError = () => {
    const err = record.error();
    return err instanceof ApiFailure && err.field("servedOn")?.code === "future"
      ? t("future")
      : fieldText(err, "servedOn");
  };
  const failure = (err: unknown) =>
    err instanceof ApiFailure && err.code === "no_branch" ? t("no_branch") : failureText(err);
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <Show when={hasRole("secretary", "admin")}>
        <ReviewList />
      </Show>
      <h2>{t("record")}</h2>
      <ActionForm action={record} onSubmit={submit} submit={t("submit")} text={failure} novalidate>
        <Field label={t("category")} name="category">
          <select id="category" name="category">
            <For each={CATEGORIES}>{(c) => <option value={c}>{t(c)}</option>}</For>
          </select>
        </Field>
        <Field label={t("servedOn")} error={servedOnError()}>
          <input id="servedOn" name="servedOn" type="date" max={today()} value={today()} required />
        </Field>
        <div class="row">
          <Field label={t("hours")} name="hours">
            <input id="hours" name="hours" type="number" min="0.5" max="24" step="0.5" value="2" required />
          </Field>
          <Field label={t("peopleServed")} name="peopleServed">
            <input id="peopleServed" name="peopleServed" type="number" min="0" step="1" value="1" required />
          </Field>
        </div>
        <Field label={t("place")} name="place">
          <input id="place" name="place" maxlength="200" required />
        </Field>
        <Field label={t("description")} name="description">
          <textarea id="description" name="description" rows="3" maxlength="2000" required />
        </Field>
      </ActionForm>
      <h2>{t("mine")}</h2>
      <Feedback error={withdrawal.error() ?? list.error()} />
      <Show when={list.items().length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={list.items()}>
            {(i) => (
              <ServiceCard item={i}>
                <Show when={i.status === "pending"}>
                  <button type="button" class="link" onClick={() => withdraw(i.id)}>
                    {t("withdraw")}
                  </button>
                </Show>
              </ServiceCard>
            )}
          </For>
        </ul>
      </Show>
      <Pager next={list.next()} onMore={list.more} />
    </section>
  );
}
