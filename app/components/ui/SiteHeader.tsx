import { Form, Link, NavLink } from "@remix-run/react";
import { useT } from "#app/i18n/useT";

export interface HeaderUser {
  name: string;
  role: string;
  isAccountAdmin: boolean;
  hasAccount: boolean;
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`;

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const t = useT();
  return (
    <header className="no-print border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:font-medium focus:text-brand-700 focus:shadow-lg focus:ring-2 focus:ring-brand-500 dark:focus:bg-slate-900 dark:focus:text-white"
      >
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-3 sm:px-6">
        <Link to="/" className="mr-4 flex items-center gap-2 text-lg font-bold text-brand-700 dark:text-white">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
          Uplift Academy
        </Link>
        {user ? (
          <nav aria-label={t("nav.main")} className="flex w-full flex-wrap items-center gap-1 sm:w-auto sm:flex-1">
            <NavLink to="/" end className={navClass}>
              {t("nav.courses")}
            </NavLink>
            {user.hasAccount ? (
              <NavLink to="/profile" className={navClass}>
                {t("nav.myLearning")}
              </NavLink>
            ) : null}
            {user.isAccountAdmin ? (
              <NavLink to="/team" className={navClass}>
                {t("nav.myTeam")}
              </NavLink>
            ) : null}
            {user.role === "author" || user.role === "admin" || user.role === "cs_leader" ? (
              <NavLink to="/insights" className={navClass}>
                {t("nav.insights")}
              </NavLink>
            ) : null}
            {user.role === "author" || user.role === "admin" ? (
              <NavLink to="/admin/content" className={navClass}>
                {t("nav.publish")}
              </NavLink>
            ) : null}
            {user.role === "cs_leader" || user.role === "admin" ? (
              <NavLink to="/report" className={navClass}>
                {t("nav.report")}
              </NavLink>
            ) : null}
            {user.role === "cs_leader" || user.role === "admin" ? (
              <NavLink to="/admin" className={navClass}>
                {t("nav.admin")}
              </NavLink>
            ) : null}
            <span className="ml-auto flex items-center gap-3 text-sm text-slate-600 dark:text-slate-300">
              <span className="hidden md:inline">{user.name}</span>
              <Link to="/settings" className="underline-offset-2 hover:underline">
                {t("nav.language")}
              </Link>
              <Link to="/settings/notifications" className="underline-offset-2 hover:underline">
                {t("nav.emailSettings")}
              </Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  name="intent"
                  value="logout"
                  className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  {t("nav.signOut")}
                </button>
              </Form>
            </span>
          </nav>
        ) : (
          <nav aria-label={t("nav.account")} className="ml-auto flex gap-2">
            <NavLink to="/login" className={navClass}>
              {t("nav.signIn")}
            </NavLink>
            <NavLink to="/signup" className={navClass}>
              {t("nav.createAccount")}
            </NavLink>
          </nav>
        )}
      </div>
    </header>
  );
}
