/**
 * A yes/no choice the user makes once and finds again next time (hints shown, mood gauge
 * shown), kept in localStorage under `sparring.pref.<name>`.
 */
import { useCallback, useState } from 'react';

function read(name: string, fallback: boolean): boolean {
  try {
    const value = localStorage.getItem(`sparring.pref.${name}`);
    return value === null ? fallback : value === 'true';
  } catch {
    return fallback;
  }
}

export function usePreference(name: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => read(name, fallback));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        localStorage.setItem(`sparring.pref.${name}`, String(next));
      } catch {
        // Kept for this page only.
      }
    },
    [name],
  );
  return [value, set];
}
