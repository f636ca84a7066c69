/**
 * The frame of every page: the product's name, the interface language, who is signed in,
 * their password page and a way out, then the page itself under a skip link for keyboard users.
 */
import type { ReactNode } from 'react';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n/I18nProvider.tsx';
import { LanguageSwitcher } from './i18n/LanguageSwitcher.tsx';
import { homeRoute, navigate, pathOf } from './router.ts';

export function AppShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const { signedIn, signOut } = useAuth();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <a
          className="app-header__brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate(signedIn ? homeRoute(signedIn.user.role) : { page: 'personas' });
          }}
        >
          <span className="app-header__logo" aria-hidden="true">
            S
          </span>
          <span>{t('app.name')}</span>
        </a>
        <div className="app-header__tools">
          <LanguageSwitcher />
          {signedIn && (
            <>
              <span className="app-header__user" title={t('nav.signedInAs', { name: signedIn.user.username })}>
                {signedIn.user.username}
              </span>
              <a
                className="button button--quiet"
                data-testid="change-password"
                href={pathOf({ page: 'password' })}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'password' });
                }}
              >
                {t('nav.changePassword')}
              </a>
              <button type="button" className="button button--quiet" data-testid="sign-out" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" className={wide ? 'app-main app-main--wide' : 'app-main'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
