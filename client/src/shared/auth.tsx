/**
 * Who is signed in: the token and user from `POST /api/login`, kept in localStorage so a
 * reload or a new tab stays signed in until the token runs out. A 401 from the API or an
 * "unauthorized" from the socket signs out (through `signOut`), and the login page shows.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LoginAnswer } from './contract.ts';

const AUTH_KEY = 'sparring.auth';

export type SignedIn = LoginAnswer;

export interface Auth {
  signedIn: SignedIn | null;
  signIn(answer: LoginAnswer): void;
  signOut(): void;
}

function readStored(): SignedIn | null {
  try {
    const raw = localStorage.getItem(AUTH_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<SignedIn>) : null;
    return typeof value?.token === 'string' && typeof value.user?.username === 'string' ? (value as SignedIn) : null;
  } catch {
    return null;
  }
}

function store(value: SignedIn | null): void {
  try {
    if (value) localStorage.setItem(AUTH_KEY, JSON.stringify(value));
    else localStorage.removeItem(AUTH_KEY);
  } catch {
    // Without storage the sign-in lasts as long as the page.
  }
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<SignedIn | null>(readStored);
  const signIn = useCallback((answer: LoginAnswer) => {
    store(answer);
    setSignedIn(answer);
  }, []);
  const signOut = useCallback(() => {
    store(null);
    setSignedIn(null);
  }, []);
  const value = useMemo(() => ({ signedIn, signIn, signOut }), [signedIn, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
