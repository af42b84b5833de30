import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/http.ts';
import { SessionProvider } from './api/session.tsx';
import { App } from './app.tsx';
import { checkInQueue } from './offline/check-in-queue.ts';
import './styles/base.css';
import './styles/components.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Try the network even when the browser says offline: a failure shows its message
      // instead of a "Loading…" that waits for the connection to come back.
      networkMode: 'offlineFirst',
      // A 4xx will not change by asking again; a network blip might.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

checkInQueue.onSent = (item) => {
  void queryClient.invalidateQueries({ queryKey: ['check-ins', item.clientId] });
  void queryClient.invalidateQueries({ queryKey: ['progress'] });
};
checkInQueue.start();

// The built app keeps its shell for opening offline (web/public/sw.js); not under `vite` dev.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
