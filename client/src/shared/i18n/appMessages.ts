/**
 * The app's messages: the shared catalogue from the start (the frame, the sign-in, errors),
 * each area's once its pages load (lazyArea.ts).
 */
import { catalogue as sharedCatalogue } from './messages/index.ts';
import { createMessageRegistry } from './messageRegistry.ts';
import type { UiLocale } from './interfaceLanguages.ts';

export const appMessages = createMessageRegistry<UiLocale>();
appMessages.add(sharedCatalogue);
