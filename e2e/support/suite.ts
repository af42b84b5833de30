import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
}

/**
 * A browser test file's server and Chromium: started before its tests (before any `beforeAll`
 * the file registers after this call) and closed after them. The fields are set once started.
 */
export function browserSuite(options: Parameters<typeof startServer>[0] = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startServer(options);
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
