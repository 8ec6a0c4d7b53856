import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { restoreSession, tokens } from '../api/client';
import * as api from '../api/endpoints';
import type { Me } from '../api/model';

interface AuthValue {
  status: 'loading' | 'anonymous' | 'signedIn';
  me: Me | null;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [restored, setRestored] = useState(false);
  const [hasToken, setHasToken] = useState(false);

  useEffect(() => {
    void restoreSession().then((ok) => {
      setHasToken(ok);
      setRestored(true);
    });
    const off = tokens.onChange((signedIn) => setHasToken(signedIn));
    return () => {
      off();
    };
  }, []);

  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: api.me,
    enabled: restored && hasToken,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const signIn = useCallback(
    async (email: string, password: string) => {
      await api.login(email, password);
      const me = await api.me();
      queryClient.setQueryData(['me'], me);
      setHasToken(true);
      return me;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      /* the token is dropped locally either way */
    }
    queryClient.clear();
  }, [queryClient]);

  const status: AuthValue['status'] = !restored
    ? 'loading'
    : !hasToken
      ? 'anonymous'
      : meQuery.data
        ? 'signedIn'
        : meQuery.isError
          ? 'anonymous'
          : 'loading';
  const value = useMemo(
    () => ({ status, me: status === 'signedIn' ? (meQuery.data ?? null) : null, signIn, signOut }),
    [status, meQuery.data, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
