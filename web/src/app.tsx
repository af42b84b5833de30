import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './api/session.tsx';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/states.tsx';
import { TodayPage } from './pages/client/today.tsx';
import { LoginPage } from './pages/login.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { SecondFactorPage } from './pages/second-factor.tsx';
import { SetPasswordPage } from './pages/set-password.tsx';
import {
  adminRoutes,
  clientRoutes,
  privacyRoutes,
  sharedRoutes,
  staffRoutes,
  therapistRoutes,
} from './routes.tsx';

export function App() {
  const { session } = useSession();
  const location = useLocation();
  // Invitation and reset links work whoever is (or is not) signed in on this browser.
  if (location.pathname === '/welcome') return <SetPasswordPage purpose="invite" />;
  if (location.pathname === '/reset') return <SetPasswordPage purpose="reset" />;
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signed-out') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage expired={session.expired} />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: location.pathname }} />}
        />
      </Routes>
    );
  }
  if (session.status === 'second-factor')
    return <SecondFactorPage mfa={session.mfa} name={session.user.name} />;
  const client = session.user.role === 'client';
  const routes = [
    ...(client ? clientRoutes : staffRoutes),
    ...(session.user.role === 'therapist' ? therapistRoutes : []),
    ...(session.user.role === 'admin' ? adminRoutes : []),
    ...(session.user.privacyOfficer ? privacyRoutes : []),
    ...sharedRoutes,
  ];
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          {client && <Route index element={<TodayPage />} />}
          {routes.map(({ path, Page }) =>
            path === '' ? (
              <Route key="index" index element={<Page />} />
            ) : (
              <Route key={path} path={path} element={<Page />} />
            ),
          )}
          <Route path="login" element={<Navigate to="/" replace />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
