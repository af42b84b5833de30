import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { get } from '../api/http.ts';
import { keys } from '../api/queries.ts';
import { useUnreadCount } from '../api/notifications.ts';
import { useSession, useUser } from '../api/session.tsx';
import { t } from '../i18n/index.ts';
import { QueueBanner } from './queue-banner.tsx';

/** The notifications link with its unread count (announced as text, not only a number). */
function NotificationsLink() {
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <NavLink to="/notifications">
      {t.nav.notifications}
      {unread > 0 && (
        <span className="nav-count">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden">({t.nav.unread(unread)})</span>
        </span>
      )}
    </NavLink>
  );
}

/** The app shell: skip link, the role's navigation, who is signed in, and the page. */
export function Layout() {
  const user = useUser();
  const { logout } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A privacy officer sees how many break-the-glass grants are new, on every screen.
  const notices = useQuery({
    queryKey: [...keys.privacy, 'notifications'],
    queryFn: ({ signal }) => get<{ unread: number }>('/api/privacy/notifications', signal),
    enabled: user.privacyOfficer === true,
    refetchInterval: 60_000,
  });
  const unread = notices.data?.unread ?? 0;

  // A route change moves focus to the new page, so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const links =
    user.role === 'client'
      ? [
          { to: '/', label: t.nav.today },
          { to: '/goals', label: t.nav.goals },
          { to: '/journal', label: t.nav.journal },
          { to: '/keeping-well', label: t.nav.relapsePlan },
          { to: '/my-data', label: t.nav.myData },
          { to: '/privacy', label: t.nav.privacy },
          { to: '/reminders', label: t.nav.reminders },
        ]
      : [
          { to: '/', label: t.nav.caseload },
          { to: '/alerts', label: t.nav.alerts },
          ...(user.role === 'therapist' ? [{ to: '/break-glass', label: t.nav.breakGlass }] : []),
          ...(user.privacyOfficer
            ? [
                {
                  to: '/privacy/review',
                  label: unread > 0 ? t.nav.reviewUnread(unread) : t.nav.review,
                },
                { to: '/privacy/snooping', label: t.nav.snooping },
              ]
            : []),
          ...(user.role === 'admin'
            ? [
                { to: '/admin/users', label: t.nav.users },
                { to: '/admin/care-teams', label: t.nav.careTeams },
                { to: '/admin/locations', label: t.nav.locations },
                { to: '/admin/settings', label: t.nav.settings },
                { to: '/admin/templates', label: t.nav.templates },
                { to: '/admin/audit', label: t.nav.audit },
                { to: '/admin/consent', label: t.nav.consent },
                { to: '/admin/outbox', label: t.nav.outbox },
              ]
            : []),
        ];

  return (
    <div className={`shell shell-${user.role === 'client' ? 'client' : 'staff'}`}>
      <a className="skip-link" href="#main">
        {t.nav.skip}
      </a>
      <header className="topbar">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          {t.app.name}
        </span>
        <nav aria-label={t.nav.label} className="nav">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.to === '/'}>
              {l.label}
            </NavLink>
          ))}
          <NotificationsLink />
        </nav>
        <div className="who">
          <NavLink to="/account" className="who-name">
            <span className="visually-hidden">{t.account.link}: </span>
            {user.name}
          </NavLink>
          <button type="button" className="button link" onClick={() => void logout()}>
            {t.nav.signOut}
          </button>
        </div>
      </header>
      {user.role === 'client' && <QueueBanner />}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
