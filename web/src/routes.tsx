import { lazy } from 'react';
import type { ComponentType } from 'react';

// The client's first load is sign-in and Today (imported by app.tsx); every other screen is
// its own chunk, loaded when first opened.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

interface PageRoute {
  path: string;
  Page: ComponentType;
}

export const clientRoutes: PageRoute[] = [];

export const staffRoutes: PageRoute[] = [];

export const sharedRoutes: PageRoute[] = [];

void page;
