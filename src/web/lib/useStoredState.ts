import { useCallback, useState } from 'react';

function read<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return valid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

/**
 * State remembered in this browser (localStorage) under `key` — per user when the key names the user. Anything
 * unreadable (old format, private mode) falls back to the default rather than breaking the page.
 */
export function useStoredState<T>(key: string, fallback: T, valid: (v: unknown) => v is T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, fallback, valid));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        /* private mode or full storage: kept for this visit only */
      }
    },
    [key],
  );
  return [value, set];
}
