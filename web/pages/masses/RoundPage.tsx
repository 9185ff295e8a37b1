import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, lazy, Show } from "solid-js";
import { api, call } from "../../api";
import { confirmAction } from "../../components/ConfirmDialog";
import { type Column, DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDay, formatNumber, formatPercent } from "../../components/format";
import { locale, useT } from "../../i18n";
import { type MassesKey, massesMessages } from "./messages";
import type { SheetToken } from "./QrSheet";
import { ResultNotice } from "./ResultNotice";

const QrSheet = lazy(() => import("./QrSheet"));
const loadRound = (id: string) => call(api["rating-rounds"][":id"].$get({ param: { id } }));
type Ratee = Awaited<ReturnType<typeof loadRound>>["ratees"][number];

export default function RoundPage() {
  const t = useT(massesMessages);
  const params = useParams();
  const [data, { refetch }] = createResource(() => params.id, loadRound);
  const [comments, { refetch: refetchComments }] = createResource(
    () => params.id,
    (id) => call(api["rating-rounds"][":id"].comments.$get({ param: { id }, query: { status: "pending" } })),
  );
  const [chain, setChain] = createSignal("");
  const [sheet, setSheet] = createSignal<{ title: string; tokens: SheetToken[] } | null>(null);
  const isPledge = () => data()?.round.target === "pledge";
  const id = () => params.id ?? "";
  const check = createAction(chain);
  const verify = () =>
    check.run(async () => {
      const r = await call(api["rating-rounds"][":id"].verify.$get({ param: { id: id() } }));
      const at = r.firstBroken?.seq ?? r.count;
      setChain(
        r.ok
          ? t("chainOk", { n: formatNumber(r.count, 0) })
          : t("chainBroken", { seq: at, reason: t(`broken_${r.firstBroken?.reason ?? "count"}` as MassesKey) }),
      );
    });
  const act = createAction(
    () => "",
    () => Promise.all([refetch(), refetchComments()]),
  );
  const moderate = (ratingId: string, approve: boolean) =>
    act.run(() => call(api.ratings[":id"].comment.$post({ param: { id: ratingId }, json: { approve } })));
  const close = async () => {
    if (await confirmAction(t("closeConfirm"), t("close")))
      await act.run(() => call(api["rating-rounds"][":id"].close.$post({ param: { id: id() } })));
  };
  const reprint = async () => {
    if (!(await confirmAction(t("reprintConfirm"), t("reprint")))) return;
    await act.run(async () => {
      const r = await call(api["rating-rounds"][":id"].reprint.$post({ param: { id: id() } }));
      setSheet({ title: r.round.title, tokens: r.tokens });
    });
  };
  const nameOf = (rateeId: string) => data()?.ratees.find((r) => r.rateeId === rateeId)?.name ?? "";
  const open = () => {
    const r = data()?.round;
    return !!r && !r.closedAt && r.closesAt > Date.now();
  };
  const columns = (k: number): Column<Ratee>[] => [
    { header: t("ratee"), cell: (r) => r.name },
    { header: t("issued"), cell: (r) => formatNumber(r.issued, 0) },
    { header: t("count"), cell: (r) => formatNumber(r.count, 0) },
    {
      header: isPledge() ? t("keptRate") : t("satisfaction"),
      cell: (r) => (
        <Show
          when={r.shown}
          fallback={<span class="muted">{r.withheld === "open" ? t("withheldOpen") : t("withheld", { k })}</span>}
        >
          <strong>{formatPercent(r.satisfaction)}</strong>
          <ul class="plain">
            <For each={r.items ?? []}>
              {(i) => (
                <li>
                  {i.label[locale()]}:{" "}
                  {(data()?.answers ?? []).map((a) => `${t(a)} ${formatNumber(i[a], 0)}`).join(" · ")}
                </li>
              )}
            </For>
          </ul>
          <Show when={r.comments?.length}>
            <strong>{t("comments")}</strong>
            <ul class="plain">
              <For each={r.comments ?? []}>{(c) => <li>“{c}”</li>}</For>
            </ul>
          </Show>
        </Show>
      ),
    },
  ];
  return (
    <section class="page">
      <Show
        when={sheet()}
        fallback={
          <>
            <A href="/masses" class="no-print">
              {t("back")}
            </A>
            <Show when={data()}>
              {(d) => (
                <>
                  <h1>{d().round.title}</h1>
                  <p class="muted">
                    {d().round.orgName} · {t("closesOnDay", { at: formatDay(d().round.closesAt - 1) })}
                  </p>
                  <p>{t("privacy", { k: d().round.kThreshold })}</p>
                  <h2>{t("results")}</h2>
                  <DataTable columns={columns(d().round.kThreshold)} rows={d().ratees} caption={t("results")} />
                  <Show when={d().seal}>{(seal) => <ResultNotice seal={seal()} />}</Show>
                  <Show when={open()}>
                    <p class="muted">{t("commentsLater", { k: d().round.kThreshold })}</p>
                  </Show>
                  <Show when={comments()?.items.length}>
                    <h2>{t("pendingComments")}</h2>
                    <ul class="cards">
                      <For each={comments()?.items}>
                        {(c) => (
                          <li class="card">
                            <span>
                              {nameOf(c.rateeId)}: “{c.comment}”
                            </span>
                            <div class="row">
                              <button type="button" onClick={() => moderate(c.id, true)}>
                                {t("approve")}
                              </button>
                              <button type="button" onClick={() => moderate(c.id, false)}>
                                {t("hide")}
                              </button>
                            </div>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <Show when={open()}>
                    <h2>{t("reprintTitle")}</h2>
                    <p class="muted">{t("reprintHelp")}</p>
                  </Show>
                  <div class="row no-print">
                    <Show when={open()}>
                      <button type="button" onClick={reprint} disabled={act.busy()}>
                        {t("reprint")}
                      </button>
                    </Show>
                    <button type="button" onClick={verify} disabled={check.busy()}>
                      {t("verify")}
                    </button>
                    <Show when={!d().round.closedAt}>
                      <button type="button" onClick={close} disabled={act.busy()}>
                        {t("close")}
                      </button>
                    </Show>
                  </div>
                  <Feedback error={act.error() ?? check.error()} notice={check.notice()} />
                </>
              )}
            </Show>
            <Feedback error={data.error} />
          </>
        }
      >
        {(s) => (
          <QrSheet
            title={s().title}
            tokens={s().tokens}
            items={data()?.round.items}
            note={s().tokens.length ? t("reprintNote") : t("reprintNone")}
            onDone={() => {
              setSheet(null);
              refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}
