/**
 * Who is signed in. The credential is the HttpOnly cookie `POST /api/login` sets: no script
 * on the page can read it, so a script injected into the page cannot carry it away. What
 * the client keeps (localStorage, so a reload or a new tab shows the right pages at once)
 * is the user alone, and at load it asks `GET /api/me` whether the cookie still signs in:
 * a 401 there, from any API call, or "unauthorized" from the socket signs out, and the
 * login page shows.
 *
 * `token` names one sign-in (a random id made at login), not the credential: hooks that
 * load per sign-in depend on it, and a new sign-in starts them again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from './api.ts';
import type { LoginAnswer, SignedInUser } from './contract.ts';

const AUTH_KEY = 'sparring.auth';

export interface SignedIn {
  user: SignedInUser;
  /** This sign-in's id, kept with the user; never the token. */
  token: string;
}

export interface Auth {
  signedIn: SignedIn | null;
  signIn(answer: LoginAnswer): void;
  /** Ends the sign-in on the server too (the cookie, its sockets), then here. */
  signOut(): void;
  /** The server ended the sign-in (logout elsewhere, a password change, an admin, expiry): forgets it and says so. */
  signedOutByServer(): void;
  /** True after `signedOutByServer`, until the next sign-in: the login page says "you were signed out". */
  endedByServer: boolean;
  /** The user as the server now has it (after a password change, say). */
  updateUser(user: SignedInUser): void;
}

function readStored(): SignedIn | null {
  try {
    const raw = localStorage.getItem(AUTH_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<SignedIn> & { user?: Partial<SignedInUser> }) : null;
    if (typeof value?.token !== 'string' || typeof value.user?.username !== 'string') return null;
    // Kept by a client from before the cookie: a JWT. Wiped at once; the cookie decides (GET /api/me).
    if (value.token.split('.').length === 3) {
      localStorage.removeItem(AUTH_KEY);
      return null;
    }
    return value as SignedIn;
  } catch {
    return null;
  }
}

function store(value: SignedIn | null): void {
  try {
    if (value) localStorage.setItem(AUTH_KEY, JSON.stringify(value));
    else localStorage.removeItem(AUTH_KEY);
  } catch {
    // Without storage the pages show once GET /api/me has answered.
  }
}

const newSignInId = (): string => crypto.randomUUID();

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<SignedIn | null>(readStored);
  const [endedByServer, setEndedByServer] = useState(false);
  const forget = useCallback(() => {
    store(null);
    setSignedIn(null);
  }, []);
  const signIn = useCallback((answer: LoginAnswer) => {
    const value: SignedIn = { user: answer.user, token: newSignInId() };
    store(value);
    setEndedByServer(false);
    setSignedIn(value);
  }, []);
  const signedOutByServer = useCallback(() => {
    setEndedByServer(true);
    forget();
  }, [forget]);
  const signOut = useCallback(() => {
    // Forgotten here at once; the server is told as well, whatever it answers.
    void api.logout().catch(() => undefined);
    forget();
  }, [forget]);
  const updateUser = useCallback((user: SignedInUser) => {
    setSignedIn((before) => {
      const value: SignedIn = { user, token: before?.token ?? newSignInId() };
      store(value);
      return value;
    });
  }, []);

  // At load: is the cookie still a sign-in, and as whom (a role or the password rule may have changed)?
  useEffect(() => {
    let current = true;
    api.me().then(
      (user) => current && updateUser(user),
      (err: unknown) => {
        if (current && err instanceof ApiError && err.status === 401) forget();
      },
    );
    return () => {
      current = false;
    };
  }, [forget, updateUser]);

  const value = useMemo(
    () => ({ signedIn, signIn, signOut, signedOutByServer, endedByServer, updateUser }),
    [signedIn, signIn, signOut, signedOutByServer, endedByServer, updateUser],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
