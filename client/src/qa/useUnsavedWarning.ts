/**
 * While an edit is not saved, closing the tab or reloading the page asks first (the
 * browser's own question: its wording cannot be set), so an afternoon's persona edits are
 * not lost to a stray Ctrl+W.
 */
import { useEffect } from 'react';

export function useUnsavedWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
}
