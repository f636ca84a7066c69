/**
 * An error from the API or the socket as a sentence for the user, in the interface
 * language: the known codes have their own words, anything else shows the server's message.
 */
import type { I18n } from './i18n/I18nProvider.tsx';

export function errorText(t: I18n['t'], error: { code: string; message: string }): string {
  switch (error.code) {
    case 'network':
      return t('error.network');
    case 'timeout':
      return t('error.timeout');
    case 'limit_reached':
      return t('error.limit_reached');
    case 'not_found':
      return t('error.not_found');
    case 'forbidden':
      return t('error.forbidden');
    default:
      return t('error.generic', { message: error.message });
  }
}
