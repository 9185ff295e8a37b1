import { createSignal, Show } from "solid-js";
import { useT } from "../../i18n";
import { dropOffline, keepOffline } from "../../pwa/offline";
import { courseMessages } from "./messages";

/** Keeps one lesson on this device to read offline without opening it, or forgets it again. */
export function OfflineMark(props: {
  courseId: string;
  lessonId: string;
  title: string;
  kept: boolean;
  onChange: () => void;
}) {
  const t = useT(courseMessages);
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    const done = props.kept
      ? (await dropOffline(props.courseId, props.lessonId)) !== null
      : await keepOffline(props.courseId, props.lessonId);
    setBusy(false);
    if (done) props.onChange();
    else setFailed(true);
  };
  const action = () => (props.kept ? t("offlineDrop") : t("offlineKeep"));
  return (
    <span class="offline-mark">
      <Show when={props.kept}>
        <span class="tag ok">{t("offlineKept")}</span>
      </Show>
      {/* The name starts with the visible words, then says which lesson (every card has one). */}
      <button type="button" disabled={busy()} aria-label={`${action()}：${props.title}`} onClick={toggle}>
        {action()}
      </button>
      <Show when={failed()}>
        <span role="alert" class="error">
          {t("offlineFailed")}
        </span>
      </Show>
    </span>
  );
}
