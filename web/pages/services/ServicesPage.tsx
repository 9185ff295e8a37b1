import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { failureText, fieldText } from "../../i18n/errors";
import { hasRole, orgsWithRole } from "../../session";
import { CATEGORIES, serviceMessages } from "./messages";

type Item = Awaited<ReturnType<typeof loadMine>>["items"][number];
const loadMine = (offset: number) => call(api.services.mine.$get({ query: { limit: "20", offset: String(offset) } }));

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function ServiceCard(props: { item: Item; children?: any }) {
  const t = useT(serviceMessages);
  const i = () => props.item;
  return (
    <li class="card service-card">
      <div>
        <strong>{t(i().category)}</strong> · {i().servedOn} · {t("hoursN", { n: i().hours })} ·{" "}
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
  const [orgId, setOrgId] = createSignal(orgs[0]?.orgId ?? "");
  const [items, { refetch }] = createResource(orgId, (id) =>
    call(api.orgs[":id"].services.$get({ param: { id }, query: { status: "pending", limit: "50", offset: "0" } })),
  );
  const [error, setError] = createSignal<unknown>(null);
  const act = async (id: string, confirm: boolean) => {
    setError(null);
    try {
      if (confirm) await call(api.services[":id"].confirm.$post({ param: { id } }));
      else {
        const reason = prompt(t("rejectReason"))?.trim();
        if (!reason) return;
        await call(api.services[":id"].reject.$post({ param: { id }, json: { reason } }));
      }
      refetch();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section>
      <h2>{t("review")}</h2>
      <Show when={orgs.length > 1}>
        <Field label={t("org")}>
          <select id="review-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
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
                  <button type="button" class="primary" onClick={() => act(i.id, true)}>
                    {t("confirm")}
                  </button>
                  <button type="button" onClick={() => act(i.id, false)}>
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
  const [items, setItems] = createSignal<Item[]>([]);
  const [next, setNext] = createSignal<number | null>(0);
  const [error, setError] = createSignal<unknown>(null);
  const [saved, setSaved] = createSignal(false);
  const more = async () => {
    const offset = next();
    if (offset === null) return;
    const r = await loadMine(offset);
    setItems([...(offset === 0 ? [] : items()), ...r.items]);
    setNext(r.nextOffset);
  };
  const reload = () => {
    setNext(0);
    more();
  };
  reload();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    setError(null);
    setSaved(false);
    try {
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
      formEl.reset();
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const withdraw = async (id: string) => {
    await call(api.services[":id"].$delete({ param: { id } })).catch(setError);
    reload();
  };
  const err = (field: string) => fieldText(error(), field);
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <Show when={hasRole("secretary", "admin")}>
        <ReviewList />
      </Show>
      <h2>{t("record")}</h2>
      <form class="form" onSubmit={submit} novalidate>
        <Field label={t("category")} name="category">
          <select id="category" name="category">
            <For each={CATEGORIES}>{(c) => <option value={c}>{t(c)}</option>}</For>
          </select>
        </Field>
        <Field label={t("servedOn")} name="servedOn">
          <input id="servedOn" name="servedOn" type="date" max={today()} value={today()} required />
        </Field>
        <Show when={err("servedOn")}>
          <p class="field-error">
            {(error() as any)?.field?.("servedOn")?.code === "future" ? t("future") : err("servedOn")}
          </p>
        </Show>
        <div class="row">
          <div>
            <Field label={t("hours")} name="hours">
              <input id="hours" name="hours" type="number" min="0.5" max="24" step="0.5" value="2" required />
            </Field>
          </div>
          <div>
            <Field label={t("peopleServed")} name="peopleServed">
              <input id="peopleServed" name="peopleServed" type="number" min="0" step="1" value="1" required />
            </Field>
          </div>
        </div>
        <Field label={t("place")} name="place">
          <input id="place" name="place" maxlength="200" required />
        </Field>
        <Show when={err("place")}>
          <p class="field-error">{err("place")}</p>
        </Show>
        <Field label={t("description")} name="description">
          <textarea id="description" name="description" rows="3" maxlength="2000" required />
        </Field>
        <Show when={err("description")}>
          <p class="field-error">{err("description")}</p>
        </Show>
        <Show when={error()}>
          <p class="error" role="alert">
            {(error() as any)?.code === "no_branch" ? t("no_branch") : failureText(error())}
          </p>
        </Show>
        <Show when={saved()}>
          <p class="ok" role="status">
            {t("saved")}
          </p>
        </Show>
        <button type="submit" class="primary">
          {t("submit")}
        </button>
      </form>
      <h2>{t("mine")}</h2>
      <Show when={items().length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={items()}>
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
      <Show when={next() !== null && items().length > 0}>
        <button type="button" onClick={more}>
          …
        </button>
      </Show>
    </section>
  );
}
