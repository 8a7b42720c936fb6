import { useEffect, useRef } from 'react';

/** Call `effect(value)` once `value` has stopped changing for `ms` (typing into a search box). */
export function useDebouncedEffect<T>(value: T, ms: number, effect: (value: T) => void) {
  const latest = useRef(effect);
  useEffect(() => {
    latest.current = effect;
  });
  useEffect(() => {
    const timer = setTimeout(() => latest.current(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
}
