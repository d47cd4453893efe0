import { Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { UsersAdmin } from '../components/admin/UsersAdmin';
import { ClientsAdmin } from '../components/admin/ClientsAdmin';
import { ContractsAdmin } from '../components/admin/ContractsAdmin';
import { MatrixAdmin } from '../components/admin/MatrixAdmin';
import { TenantAdmin } from '../components/admin/TenantAdmin';
import { EnrollmentUpload } from '../components/admin/EnrollmentUpload';
import { ClockSettingsAdmin } from '../components/admin/ClockSettingsAdmin';
import { RoutingAdmin } from '../components/admin/RoutingAdmin';
import { useAuth } from '../auth';

/** Administration: people, machine clients, contracts and DOFR, reviewer matrix, tenant settings, 834 enrollment uploads, clock policies and holiday calendars, routing. Every change is audited. */
export function AdminPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'users';
  const isAdmin = useAuth().session?.user.role === 'admin';
  return (
    <>
      <Title order={1} size="h3" mb="sm">Administration</Title>
      <Tabs value={tab} onChange={(v) => setParams(v === null ? {} : { tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users">Users and roles</Tabs.Tab>
          <Tabs.Tab value="clients">Machine clients</Tabs.Tab>
          <Tabs.Tab value="contracts">Contracts and DOFR</Tabs.Tab>
          <Tabs.Tab value="matrix">Reviewer matrix</Tabs.Tab>
          <Tabs.Tab value="tenant">Tenant</Tabs.Tab>
          <Tabs.Tab value="enrollment">Enrollment (834)</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="clocks">Clock policies</Tabs.Tab>}
          {isAdmin && <Tabs.Tab value="routing">Routing</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="users"><UsersAdmin /></Tabs.Panel>
        <Tabs.Panel value="clients"><ClientsAdmin /></Tabs.Panel>
        <Tabs.Panel value="contracts"><ContractsAdmin /></Tabs.Panel>
        <Tabs.Panel value="matrix"><MatrixAdmin /></Tabs.Panel>
        <Tabs.Panel value="tenant"><TenantAdmin /></Tabs.Panel>
        <Tabs.Panel value="enrollment"><EnrollmentUpload /></Tabs.Panel>
        {isAdmin && <Tabs.Panel value="clocks"><ClockSettingsAdmin /></Tabs.Panel>}
        {isAdmin && <Tabs.Panel value="routing"><RoutingAdmin /></Tabs.Panel>}
      </Tabs>
    </>
  );
}
