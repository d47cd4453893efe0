import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, loadSession, saveSession, type Session } from './api';

interface AuthState {
  readonly session: Session | null;
  readonly login: (username: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => {
    const onLogout = () => setSession(null);
    window.addEventListener('openum:logout', onLogout);
    return () => window.removeEventListener('openum:logout', onLogout);
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const s = await api<Session>('POST', '/api/auth/login', { username, password });
    saveSession(s);
    setSession(s);
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    saveSession(null);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, login, logout }), [session, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (a === null) throw new Error('useAuth outside AuthProvider');
  return a;
}
