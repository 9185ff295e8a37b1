import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, For, on, onCleanup, type ParentProps, Show } from "solid-js";
import { api, call } from "../api";
import { applyElder } from "../components/ElderSwitch";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useT } from "../i18n";
import { NAV_GROUPS, type NavGroup, navMessages } from "../i18n/nav";
import { shellMessages } from "../i18n/shell";
import { NotificationBell } from "../pages/evaluations/NotificationBell";
import { type PageEntry, pages } from "../routes";
import { clearMe, hasRole, me } from "../session";

type NavEntry = PageEntry & { nav: NonNullable<PageEntry["nav"]> };

/**
 * The frame: a top bar, then the navigation. Pages sit in four task groups; on a desktop each group is a
 * menu button on one bar, on a phone one "menu" button opens every group as a section. Escape closes what
 * is open and gives the focus back to its button; following a link closes it too.
 */
export function Shell(props: ParentProps) {
  const t = useT(shellMessages);
  const tn = useT(navMessages);
  const navigate = useNavigate();
  const location = useLocation();
  const visible = () => pages.filter((p): p is NavEntry => !!p.nav && (!p.nav.roles || hasRole(...p.nav.roles)));
  const loose = () => visible().filter((p) => !p.nav.group);
  const home = () => loose().filter((p) => p.path === "/");
  const tools = () => loose().filter((p) => p.path !== "/");
  const groups = () =>
    NAV_GROUPS.map((id) => ({ id, entries: visible().filter((p) => p.nav.group === id) })).filter(
      (g) => g.entries.length,
    );
  const current = (p: NavEntry) => location.pathname === p.path || location.pathname.startsWith(`${p.path}/`);

  // The large-text mode follows the account, whichever device it was chosen on.
  createEffect(() => {
    const m = me();
    if (m) applyElder(m.elder);
  });

  const [openGroup, setOpenGroup] = createSignal<NavGroup | null>(null);
  const [menuOpen, setMenuOpen] = createSignal(false);
  let nav: HTMLElement | undefined;
  let menuButton: HTMLButtonElement | undefined;
  const groupButtons: Partial<Record<NavGroup, HTMLButtonElement>> = {};
  const closeAll = () => {
    setOpenGroup(null);
    setMenuOpen(false);
  };
  // Any navigation closes the menus (a link to the current page too: see onClick below).
  createEffect(on(() => location.pathname, closeAll, { defer: true }));
  const onDocumentClick = (e: MouseEvent) => {
    if (nav && !nav.contains(e.target as Node)) closeAll();
  };
  document.addEventListener("click", onDocumentClick);
  onCleanup(() => document.removeEventListener("click", onDocumentClick));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    const group = openGroup();
    if (group) {
      setOpenGroup(null);
      groupButtons[group]?.focus();
    } else if (menuOpen()) {
      setMenuOpen(false);
      menuButton?.focus();
    }
  };

  const logout = async () => {
    await call(api.auth.logout.$post()).catch(() => {});
    clearMe();
    navigate("/login", { replace: true });
  };
  const link = (p: NavEntry) => (
    <A href={p.path} end={p.path === "/"} activeClass="active" onClick={closeAll}>
      {tn(p.nav.label)}
    </A>
  );
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header class="topbar">
        <A href="/" class="brand">
          {t("app")}
        </A>
        <div class="topbar-tools">
          <LanguageSwitch />
          <Show when={me()}>
            <NotificationBell />
            <span class="who">{me()?.displayName}</span>
            <button type="button" class="link" onClick={logout}>
              {t("logout")}
            </button>
          </Show>
        </div>
      </header>
      <nav class="nav" aria-label={t("menu")} ref={nav} onKeyDown={onKeyDown}>
        <ul class="nav-bar">
          <For each={home()}>{(p) => <li>{link(p)}</li>}</For>
          <For each={groups()}>
            {(g) => (
              <li
                class="nav-group"
                onFocusOut={(e) => {
                  // Tabbing out of an open menu closes it.
                  if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
                    if (openGroup() === g.id) setOpenGroup(null);
                  }
                }}
              >
                <button
                  type="button"
                  ref={(el) => {
                    groupButtons[g.id] = el;
                  }}
                  classList={{ "nav-group-button": true, active: g.entries.some(current) }}
                  aria-expanded={openGroup() === g.id}
                  aria-controls={`nav-group-${g.id}`}
                  onClick={() => setOpenGroup(openGroup() === g.id ? null : g.id)}
                >
                  {tn(`group_${g.id}`)}
                </button>
                <ul class="nav-menu" id={`nav-group-${g.id}`} hidden={openGroup() !== g.id}>
                  <For each={g.entries}>{(p) => <li>{link(p)}</li>}</For>
                </ul>
              </li>
            )}
          </For>
          <For each={tools()}>{(p) => <li class="nav-tool">{link(p)}</li>}</For>
          <li class="nav-toggle">
            <button
              type="button"
              ref={menuButton}
              aria-expanded={menuOpen()}
              aria-controls="nav-sections"
              onClick={() => setMenuOpen(!menuOpen())}
            >
              <span class="nav-toggle-icon" aria-hidden="true">
                {menuOpen() ? "✕" : "☰"}
              </span>
              {menuOpen() ? tn("closeMenu") : tn("openMenu")}
            </button>
          </li>
        </ul>
        <div class="nav-sections" id="nav-sections" hidden={!menuOpen()}>
          <For each={groups()}>
            {(g) => (
              <section>
                <h2>{tn(`group_${g.id}`)}</h2>
                <ul>
                  <For each={g.entries}>{(p) => <li>{link(p)}</li>}</For>
                </ul>
              </section>
            )}
          </For>
        </div>
      </nav>
      <main id="main" tabindex="-1">
        {props.children}
      </main>
    </div>
  );
}
