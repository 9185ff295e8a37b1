import { createSignal, Show } from "solid-js";
import { render } from "solid-js/web";
import { useT } from "../i18n";
import { pwaMessages } from "./messages";
import { serviceWorkers } from "./offline";

const HOUR = 60 * 60 * 1000;

/**
 * Registers the service worker (web/pwa/sw.ts). A new version installs in the background and waits; the
 * page says so and swaps only when the member taps the banner, never under a half-filled form.
 */
export function registerServiceWorker() {
  const sw = serviceWorkers();
  if (!sw) return; // none here (a private window, blocked by policy, an old browser): the app works online
  const [waiting, setWaiting] = createSignal<ServiceWorker | null>(null);
  // A first install also takes over this page (clients.claim): only a swap the member asked for reloads.
  let asked = false;
  sw.addEventListener("controllerchange", () => {
    if (asked) location.reload();
  });
  // Some browsers throw from register() itself rather than reject: both end the same way.
  Promise.resolve()
    .then(() => sw.register("/sw.js"))
    .then(
      (registration) => {
        const offer = (worker: ServiceWorker | null) => {
          if (worker && sw.controller) setWaiting(worker);
        };
        offer(registration.waiting);
        registration.addEventListener("updatefound", () => {
          const next = registration.installing;
          next?.addEventListener("statechange", () => {
            if (next.state === "installed") offer(next);
          });
        });
        // The browser looks for a new version on navigations; a single-page app rarely makes one.
        setInterval(() => void registration.update().catch(() => {}), HOUR);
      },
      () => {}, // refused (private mode, storage blocked): the app works online as before
    );

  const t = useT(pwaMessages);
  const refresh = () => {
    asked = true;
    waiting()?.postMessage("activate-update");
  };
  render(
    () => (
      <div role="status" class="update-banner-host">
        <Show when={waiting()}>
          <button type="button" class="update-banner" onClick={refresh}>
            {t("update")}
          </button>
        </Show>
      </div>
    ),
    document.body.appendChild(document.createElement("div")),
  );
}
