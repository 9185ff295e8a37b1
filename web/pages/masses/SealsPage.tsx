import { createEffect, createSignal, For, on, Show } from "solid-js";
import { grouped } from "../../../schema/masses/values";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDay, formatNumber } from "../../components/format";
import { useAdminCommittees } from "../../components/orgOptions";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { massesMessages } from "./messages";
import { pledgeMessages } from "./pledgeMessages";

/** What the committee holds: the fingerprint of every closed round of its branches, to check any notice. */
export default function SealsPage() {
  const t = useT(pledgeMessages);
  const tm = useT(massesMessages);
  const committees = useAdminCommittees();
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && committees()?.[0]) setOrgId(committees()?.[0]?.id ?? "");
  });
  const seals = createPagedList((offset) =>
    call(
      api.orgs[":id"]["chain-seals"].$get({ param: { id: orgId() }, query: { limit: "50", offset: String(offset) } }),
    ),
  );
  createEffect(on(orgId, (id) => id && seals.load()));
  return (
    <section class="page">
      <h1>{t("sealsTitle")}</h1>
      <p class="muted">{t("sealsIntro")}</p>
      <Show when={(committees()?.length ?? 0) > 1}>
        <Field label={t("committee")}>
          <select value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
            <For each={committees()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </Field>
      </Show>
      <Feedback error={seals.error()} />
      <Show when={seals.items().length} fallback={<p class="muted">{t("noSeals")}</p>}>
        <ul class="cards">
          <For each={seals.items()}>
            {(s) => (
              <li class="card">
                <strong>{s.title}</strong>
                <span class="muted">
                  {s.orgName} · {tm(`target_${s.target}`)} · {formatDay(s.sealedAt)}
                </span>
                <dl class="notice-codes">
                  <dt>{t("roundCode")}</dt>
                  <dd class="mono">{grouped(s.code)}</dd>
                  <dt>{t("fingerprint")}</dt>
                  <dd class="mono">{grouped(s.fingerprint)}</dd>
                </dl>
                <span>{t("sealedRatings", { n: formatNumber(s.ratings, 0) })}</span>
                <a href={`/check?code=${grouped(s.code)}&fp=${grouped(s.fingerprint)}`}>{t("checkNow")}</a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Pager next={seals.next()} onMore={seals.more} />
    </section>
  );
}
