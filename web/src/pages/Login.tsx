import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { ApiError } from '../api';

export function LoginPage() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? localStorage.getItem('openum.lastPath') ?? '/cases';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      void navigate(from, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.1" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={(e) => void submit(e)} aria-label="Log in">
          <Stack>
            <div>
              <Title order={1} size="h2">OpenUM</Title>
              <Text size="sm" c="dimmed">Utilization management and prior authorization</Text>
            </div>
            {error !== null && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label="Username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus />
            <PasswordInput label="Password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>Log in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
