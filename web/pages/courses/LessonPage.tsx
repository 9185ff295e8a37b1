import { A, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, on, onCleanup, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { creditParams } from "./labels";
import { courseMessages } from "./messages";

type Completion = { status: string; hours: number } | null;

/** How soon a progress report that failed while online is tried again. */
const RETRY_MS = 3_000;

/**
 * Reader and player. Progress goes to the server as the member goes (the server stamps the open time
 * and decides completion): text completes at its end, video when most of it has actually played
 * (seconds watched, not the seek bar), a document when the member says so after opening it.
 */
export default function LessonPage() {
  const t = useT(courseMessages);
  const params = useParams();
  const key = () => ({ id: params.id ?? "", lessonId: params.lessonId ?? "" });
  const [outline] = createResource(
    () => params.id,
    (id) => call(api.courses[":id"].$get({ param: { id } })),
  );
  const [lesson] = createResource(key, (k) => call(api.courses[":id"].lessons[":lessonId"].$get({ param: k })));
  const [done, setDone] = createSignal(false);
  const [flagged, setFlagged] = createSignal(false);
  // When the server first saw this lesson opened (its own clock: the guard counts from there).
  const [firstOpened, setFirstOpened] = createSignal<number | null>(null);
  const [completion, setCompletion] = createSignal<Completion>(null);
  const progress = createAction(() => "");
  let openedAt = Date.now();
  let sent = -1;

  // Offline (the lesson read from the device's copy), the newest report waits for the network; the server
  // then judges it by the same rules as any other (it stamps its own times).
  const [offline, setOffline] = createSignal(false);
  const waiting = new Map<string, () => void>(); // per lesson, its newest report
  const sendWaiting = () => {
    const retries = [...waiting.values()];
    waiting.clear();
    for (const retry of retries) retry();
  };
  addEventListener("online", sendWaiting);
  // A report that failed while the browser says it is online (the "online" event can come before the
  // network carries requests, or the server was unreachable) is tried again shortly, not left waiting.
  let retry: ReturnType<typeof setTimeout> | undefined;
  const retrySoon = () => {
    clearTimeout(retry);
    if (navigator.onLine) retry = setTimeout(sendWaiting, RETRY_MS);
  };
  onCleanup(() => {
    removeEventListener("online", sendWaiting);
    clearTimeout(retry);
  });

  const report = (k: ReturnType<typeof key>, percent: number, position: number) =>
    call(api.courses[":id"].lessons[":lessonId"].progress.$post({ param: k, json: { percent, position } }));
  const save = async (percent: number, position = 0) => {
    if (percent <= sent && percent < 100) return;
    const before = sent;
    sent = Math.max(sent, percent);
    const k = key();
    await progress.run(async () => {
      let r: Awaited<ReturnType<typeof report>>;
      try {
        r = await report(k, percent, position);
      } catch (e) {
        if (!(e instanceof ApiFailure && e.status === 0)) throw e;
        sent = before;
        setOffline(true);
        // Still on this lesson: save again (and show the answer); moved on: just send it.
        waiting.set(k.lessonId, () =>
          k.lessonId === params.lessonId
            ? void save(percent, position)
            : void report(k, percent, position).catch(() => {}),
        );
        retrySoon();
        return;
      }
      setOffline(false);
      if (r.completedAt) setDone(true);
      setFlagged(r.implausible);
      setFirstOpened(r.openedAt);
      if (r.completion) setCompletion(r.completion as Completion);
    });
  };

  // A new lesson (same page component): start over, and tell the server it was opened.
  createEffect(
    on(
      () => params.lessonId,
      () => {
        openedAt = Date.now();
        sent = -1;
        setDone(false);
        setFlagged(false);
        setFirstOpened(null);
        setCompletion(null);
        setOffline(false);
        progress.setError(null);
      },
    ),
  );
  createEffect(() => {
    const d = lesson();
    if (!d || d.lesson.id !== params.lessonId) return;
    if (d.progress?.completedAt) setDone(true);
    setFlagged(d.progress?.implausible ?? false);
    if (d.courseStatus === "published") save(0);
  });
  // The rule, said before and during the lesson: a clock time to finish after, never a running counter.
  const guardMinutes = () => Math.ceil((lesson()?.rule.countsAfterMs ?? 0) / 60_000);
  const countsFrom = () => {
    const d = lesson();
    const opened = firstOpened() ?? d?.progress?.openedAt;
    return opened && d?.rule.countsAfterMs ? opened + d.rule.countsAfterMs : null;
  };

  const here = () => outline()?.lessons.findIndex((l) => l.id === params.lessonId) ?? -1;
  const neighbour = (d: number) => outline()?.lessons[here() + d];

  // Text: report the share scrolled; "the end" once the closing marker is seen (not before a fifth
  // of the estimated reading time has passed on this page, so honest fast scrolling is not flagged).
  const watchEnd = (el: HTMLElement) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const obs = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting) || timer) return;
      const minutes = lesson()?.lesson.minutes ?? 1;
      const wait = Math.max(0, minutes * 60_000 * 0.2 + 1000 - (Date.now() - openedAt));
      timer = setTimeout(() => save(100), wait);
    });
    obs.observe(el);
    onCleanup(() => {
      obs.disconnect();
      clearTimeout(timer);
    });
  };

  // Video: count distinct seconds actually played.
  const watchVideo = (video: HTMLVideoElement) => {
    const played = new Set<number>();
    let lastSave = 0;
    const start = lesson()?.lesson && outline()?.lessons[here()]?.progress?.position;
    video.addEventListener("loadedmetadata", () => {
      if (start && start < video.duration - 5) video.currentTime = start;
    });
    const report = () => {
      if (!video.duration || !Number.isFinite(video.duration)) return;
      const pct = Math.min(100, Math.round((played.size / Math.ceil(video.duration)) * 100));
      save(pct, video.currentTime);
    };
    video.addEventListener("timeupdate", () => {
      if (!video.paused && !video.seeking) played.add(Math.floor(video.currentTime));
      if (played.size - lastSave >= 10) {
        lastSave = played.size;
        report();
      }
    });
    video.addEventListener("pause", report);
    video.addEventListener("ended", report);
  };

  const src = () => {
    const l = lesson()?.lesson;
    if (!l) return "";
    return l.materialKey ? `/api/courses/${params.id}/materials/${l.materialKey.split("/").pop()}` : (l.videoUrl ?? "");
  };

  const [opened, setOpened] = createSignal(false);

  return (
    <section class="page lesson">
      <Feedback error={lesson.error} />
      <Show when={lesson()}>
        {(d) => {
          return (
            <>
              <p class="muted">
                <A href={`/courses/${params.id}`}>{d().courseTitle}</A>
              </p>
              <h1>{d().lesson.title}</h1>
              <Show when={!done()}>
                <div class="muted lesson-rule" data-testid="lesson-rule">
                  <div>{t(`rule_${d().lesson.kind}`, { p: d().rule.completeAt })}</div>
                  <Show when={guardMinutes() > 0}>
                    <div>{t("ruleGuard", { m: guardMinutes() })}</div>
                  </Show>
                  <Show when={countsFrom()}>{(at) => <div>{t("ruleFrom", { time: formatDateTime(at()) })}</div>}</Show>
                </div>
              </Show>
              <Show when={d().lesson.kind === "text"}>
                {/* bodyHtml is rendered on the server with raw HTML disabled (markdown-it, html: false). */}
                <article class="reader" innerHTML={d().lesson.bodyHtml} />
                <div ref={watchEnd} class="muted end-marker">
                  <Show when={!done()}>{t("readToEnd")}</Show>
                </div>
              </Show>
              <Show when={d().lesson.kind === "video"}>
                {/* biome-ignore lint/a11y/useMediaCaption: uploaded lessons carry no caption track yet */}
                <video ref={watchVideo} class="player" src={src()} controls playsinline preload="metadata" />
              </Show>
              <Show when={d().lesson.kind === "document"}>
                <Show when={d().lesson.bodyHtml}>
                  <article class="reader" innerHTML={d().lesson.bodyHtml} />
                </Show>
                <p class="row">
                  <a class="button" href={src()} target="_blank" rel="noopener" onClick={() => setOpened(true)}>
                    {t("openDocument")}
                  </a>
                  <button type="button" class="primary" disabled={!opened() || done()} onClick={() => save(100)}>
                    {t("markRead")}
                  </button>
                </p>
              </Show>
              <Show when={done()}>
                <p classList={{ ok: !flagged(), warn: flagged() }} role="status" data-testid="lesson-status">
                  {flagged() ? t("lessonFlagged", { m: guardMinutes() }) : t("lessonDone")}
                </p>
              </Show>
              <Show when={completion()}>
                {(c) => (
                  <p classList={{ ok: c().status === "credited", warn: c().status !== "credited" }} role="status">
                    {c().status === "credited" ? t("completedCourse", creditParams(t, c().hours)) : t("flaggedCourse")}
                  </p>
                )}
              </Show>
              <Show when={offline()}>
                <p class="warn" role="status">
                  {t("progressOffline")}
                </p>
              </Show>
              <Feedback error={progress.error()} />
              <nav class="row lesson-nav" aria-label={t("lessonList")}>
                <Show when={neighbour(-1)}>
                  {(p) => <A href={`/courses/${params.id}/lessons/${p().id}`}>{t("prevLesson")}</A>}
                </Show>
                <A href={`/courses/${params.id}`}>{t("backToCourse")}</A>
                <Show when={neighbour(1)}>
                  {(n) => <A href={`/courses/${params.id}/lessons/${n().id}`}>{t("nextLesson")}</A>}
                </Show>
              </nav>
            </>
          );
        }}
      </Show>
    </section>
  );
}
