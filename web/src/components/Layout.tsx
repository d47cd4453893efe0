import { useEffect } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth';

const QUEUES: { label: string; search: string; roles?: string[] }[] = [
  { label: 'All cases', search: '' },
  { label: 'Intake queue', search: '?queue=intake', roles: ['intake', 'supervisor', 'admin', 'auditor'] },
  { label: 'Nurse queue', search: '?queue=nurse', roles: ['nurse', 'supervisor', 'intake', 'admin', 'auditor'] },
  { label: 'Physician queue', search: '?queue=medical_director', roles: ['medical_director', 'specialist', 'supervisor', 'admin', 'auditor'] },
  { label: 'Pended for information', search: '?queue=pended', roles: ['nurse', 'intake', 'medical_director', 'supervisor', 'provider'] },
  { label: 'My cases', search: '?assignee=me', roles: ['nurse', 'medical_director', 'intake', 'appeals', 'specialist'] },
];

/** Other screens in the navigation, by role. */
const STAFF = ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals', 'admin'];
const PAGES: { label: string; to: string; roles: string[] }[] = [
  { label: 'Work queue', to: '/queue', roles: ['intake', 'nurse', 'medical_director', 'specialist', 'appeals', 'supervisor', 'admin', 'auditor'] },
  { label: 'Timeliness', to: '/timeliness', roles: ['supervisor', 'admin', 'auditor', 'medical_director', 'intake', 'nurse', 'appeals'] },
  { label: 'Authorization required?', to: '/portal/requirements', roles: ['provider', 'intake', 'nurse', 'supervisor'] },
  { label: 'New request', to: '/portal/new', roles: ['provider'] },
  { label: 'Opinions requested', to: '/opinions', roles: ['specialist'] },
  { label: 'Administration', to: '/admin', roles: ['admin'] },
  { label: 'PA list', to: '/admin/pa-list', roles: ['admin'] },
  { label: 'Criteria sets', to: '/admin/criteria', roles: ['admin', 'supervisor', 'auditor', 'medical_director'] },
  { label: 'Gold carding', to: '/gold-card', roles: ['admin', 'supervisor', 'auditor', 'medical_director'] },
  { label: 'Criteria requests', to: '/criteria-requests', roles: [...STAFF, 'auditor'] },
  { label: 'Public criteria', to: '/criteria', roles: [...STAFF, 'provider', 'auditor', 'specialist'] },
];

export function Layout() {
  const { session, logout } = useAuth();
  const location = useLocation();
  const role = session?.user.role ?? '';
  // Below the md breakpoint (tablets, narrow windows) the navigation is behind a burger button.
  const [navOpen, nav] = useDisclosure(false);
  const wide = useMediaQuery('(min-width: 62em)', true);
  // Off screen, the links must not take the keyboard focus either.
  const navHidden = !wide && !navOpen;
  useEffect(() => {
    nav.close(); // on every navigation
  }, [location.pathname, location.search]);
  // Remember where the reviewer was: the next login returns here.
  useEffect(() => {
    localStorage.setItem('openum.lastPath', location.pathname + location.search);
  }, [location.pathname, location.search]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !navOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="md" size="sm" aria-label={navOpen ? 'Close the navigation' : 'Open the navigation'} aria-expanded={navOpen} aria-controls="app-navigation" />
            <Title order={2} size="h4">
              <Link to="/cases" style={{ color: 'inherit', textDecoration: 'none' }}>OpenUM</Link>
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">{session?.tenant.name}</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">{session?.user.displayName}</Text>
            <Badge variant="light">{role.replace('_', ' ')}</Badge>
            <Button variant="subtle" size="xs" onClick={() => void logout()}>Log out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Queues" id="app-navigation" inert={navHidden}>
        {QUEUES.filter((q) => q.roles === undefined || q.roles.includes(role)).map((q) => (
          <NavLink key={q.label} label={q.label} component={Link} to={`/cases${q.search}`} active={location.pathname === '/cases' && location.search === q.search} />
        ))}
        {PAGES.filter((p) => p.roles.includes(role)).map((p) => (
          <NavLink key={p.to} label={p.label} component={Link} to={p.to} active={location.pathname.startsWith(p.to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
