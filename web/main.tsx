import { Navigate, Router, useLocation, useNavigate } from "@solidjs/router";
import { lazy, type ParentProps, Show } from "solid-js";
import { render } from "solid-js/web";
import { whenUnauthenticated } from "./api";
import { applyElder, elder } from "./components/ElderSwitch";
import { locale, useT } from "./i18n";
import { shellMessages } from "./i18n/shell";
import { setLocale } from "./i18n/switch";
import { pages } from "./routes";
import { clearMe, me } from "./session";
import { Shell } from "./shell/Shell";
// Chartist's styles are in the shell's (inlined) CSS, not loaded with a chart: a stylesheet arriving after the
// page restyles all of it, one long task on a phone (0.4 KB gzip).
import "./components/chart/chart.css";

const LoginPage = lazy(() => import("./shell/LoginPage"));

/** Pages behind the login: send anonymous visitors to /login and back afterwards. */
function Authenticated(props: ParentProps) {
  const t = useT(shellMessages);
  const location = useLocation();
  const navigate = useNavigate();
  whenUnauthenticated(() => {
    clearMe();
    navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  });
  return (
    <Show when={!me.loading} fallback={<p class="muted pad">{t("loading")}</p>}>
      <Show when={me()} fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}>
        <Shell>{props.children}</Shell>
      </Show>
    </Show>
  );
}

function NotFound() {
  const t = useT(shellMessages);
  return <p class="pad">{t("notFound")}</p>;
}

const app = () => (
  <Router>
    {[
      { path: "/login", component: LoginPage },
      ...pages.filter((p) => p.public).map((p) => ({ path: p.path, component: p.component, preload: p.preload })),
      {
        path: "/",
        component: Authenticated,
        children: [
          ...pages.filter((p) => !p.public).map((p) => ({ path: p.path, component: p.component, preload: p.preload })),
          { path: "*", component: NotFound },
        ],
      },
    ]}
  </Router>
);

applyElder(elder());
// A zh-TW or English reader waits for that locale's strings (one small chunk) instead of seeing zh-CN first;
// should they fail to arrive, the shell reads in zh-CN. (Not a top-level await: that splits the entry's modules.)
void setLocale(locale())
  .catch(() => {})
  .then(() => render(app, document.getElementById("root") as HTMLElement));

// Offline and installable (a separate chunk, so the first load does not grow).
if (import.meta.env.PROD && "serviceWorker" in navigator)
  void import("./pwa/register").then((m) => m.registerServiceWorker());
