import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, darken, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { LoginPage } from './pages/Login';
import { CaseListPage } from './pages/CaseList';
import { CasePage } from './pages/CasePage';
import { Layout } from './components/Layout';
import { QueuePage } from './pages/Queue';
import { TimelinessPage } from './pages/Timeliness';
import { AdminPage } from './pages/Admin';
import { OpinionsPage } from './pages/Opinions';
import { PortalRequirementsPage } from './pages/PortalRequirements';
import { PortalNewRequestPage } from './pages/PortalNewRequest';
import { CriteriaListPage, CriteriaSetPage } from './pages/CriteriaPublic';
import { CriteriaAdminPage } from './pages/CriteriaAdmin';
import { CriteriaRequestsPage } from './pages/CriteriaRequests';
import { CriteriaGoldCardPage } from './pages/CriteriaGoldCard';
import { PaListAdminPage } from './pages/PaListAdmin';

/** WCAG AA contrast for light badges and buttons: their text a darker shade than Mantine's default. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  // Filled badges and buttons in green, yellow, teal…: white text on shade 8 is under 4.5:1 (WCAG AA);
  // a darkened shade 9 keeps the hue and passes.
  if (input.variant === 'filled' && parsed.isThemeColor && parsed.color !== input.theme.primaryColor) {
    const shade = input.theme.colors[parsed.color]?.[9];
    if (shade !== undefined) return { ...colors, background: darken(shade, 0.3), hover: darken(shade, 0.4), color: 'var(--mantine-color-white)' };
  }
  if (input.variant !== 'light') return colors;
  const text = darken(parsed.isThemeColor ? (input.theme.colors[parsed.color]?.[9] ?? parsed.value) : parsed.value, 0.3);
  return { ...colors, color: text, hoverColor: text };
};
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, variantColorResolver, defaultRadius: 'sm', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' });
/** WCAG AA contrast: dimmed text one shade darker than Mantine's default gray.6 (3.3:1 on white). */
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)', '--mantine-primary-color-light-color': '#263789' },
  dark: {},
});
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 } } });

function RequireSession({ children }: { children: React.ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Public: the criteria in force, no login (42 CFR 422.101(b)(6)). */}
      <Route path="/criteria" element={<CriteriaListPage />} />
      <Route path="/criteria/:id" element={<CriteriaSetPage />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route path="/" element={<Navigate to="/cases" replace />} />
        <Route path="/cases" element={<CaseListPage />} />
        <Route path="/cases/:id" element={<CasePage />} />
        <Route path="/queue" element={<QueuePage />} />
        <Route path="/queue/:queue" element={<QueuePage />} />
        <Route path="/timeliness" element={<TimelinessPage />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/opinions" element={<OpinionsPage />} />
        <Route path="/portal/requirements" element={<PortalRequirementsPage />} />
        <Route path="/portal/new" element={<PortalNewRequestPage />} />
        <Route path="/admin/pa-list" element={<PaListAdminPage />} />
        <Route path="/admin/criteria" element={<CriteriaAdminPage />} />
        <Route path="/criteria-requests" element={<CriteriaRequestsPage />} />
        <Route path="/gold-card" element={<CriteriaGoldCardPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/cases" replace />} />
    </Routes>
  );
}

const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={resolver}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
