/**
 * An area's pages (trainee/, coach/, qa/) loaded when first shown, together with the
 * catalogues their text is in: a trainee's browser never downloads the coach's or QA's
 * pages or words. The catalogues are added to the app's messages before the pages render.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { appMessages } from './appMessages.ts';
import type { UiLocale } from './interfaceLanguages.ts';
import type { AreaCatalogue } from './messageRegistry.ts';

/** What an area's messages/index.ts exports. */
export interface CatalogueModule {
  catalogue: AreaCatalogue<UiLocale>;
}

export function lazyArea<P extends object>(
  pages: () => Promise<ComponentType<P>>,
  catalogues: ReadonlyArray<() => Promise<CatalogueModule>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    const [page] = await Promise.all([pages(), ...catalogues.map(async (load) => appMessages.add((await load()).catalogue))]);
    return { default: page };
  });
}
