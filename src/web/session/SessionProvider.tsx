import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Language } from '../../shared/roles';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { useLanguage } from '../i18n/I18nProvider';
import { sessionApi, type Me, type Permission } from './api';

interface SessionValue {
  me: Me | null;
  loading: boolean;
  /** The session ended on its own (timeout, signed out elsewhere): the sign-in page says so. */
  expired: boolean;
  /** Store the signed-in user (after sign-in or a profile change). */
  setMe: (me: Me) => void;
  signOut: () => Promise<void>;
  can: (permission: Permission) => boolean;
  /** Switch the UI language; when signed in, remember it in the profile too. */
  changeLanguage: (lang: Language) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
export const ME_KEY = ['session', 'me'] as const;

async function probeSession(): Promise<Me | null> {
  try {
    return await sessionApi.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { lang, setLang } = useLanguage();
  const query = useQuery({ queryKey: ME_KEY, queryFn: probeSession, staleTime: 5 * 60_000, retry: 1 });
  const me = query.data ?? null;
  const adoptedFor = useRef<number | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
    // The profile language wins once per sign-in; afterwards the user's switch rules.
    if (me && adoptedFor.current !== me.id) {
      adoptedFor.current = me.id;
      if (me.language !== lang) setLang(me.language);
    }
    if (!me) adoptedFor.current = null;
  }, [me, lang, setLang]);

  /** Signed out (here or because the session ended): drop the user first, so guards redirect, then their data. */
  const forget = useCallback(() => {
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(ME_KEY)) setExpired(true);
      forget();
    });
    return () => setUnauthenticatedHandler(null);
  }, [forget, queryClient]);

  const setMe = useCallback(
    (next: Me) => {
      setExpired(false);
      queryClient.setQueryData(ME_KEY, next);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await sessionApi.logout();
    } catch (error) {
      // Already signed out on the server: that is what we wanted.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      forget();
    }
  }, [forget]);

  const changeLanguage = useCallback(
    async (next: Language) => {
      setLang(next);
      if (me && me.language !== next) setMe(await sessionApi.updateProfile({ language: next }));
    },
    [me, setLang, setMe],
  );

  const value = useMemo<SessionValue>(
    () => ({
      me,
      loading: query.isPending,
      expired,
      setMe,
      signOut,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      changeLanguage,
    }),
    [me, query.isPending, expired, setMe, signOut, changeLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe() while signed out');
  return me;
}
