/**
 * Saving a settings screen: a confirmation that lists every change before it is made (the save
 * button sends once, however often it is pressed), and the server's refusal shown with each
 * problem it names.
 */
import { Alert, Button, Group, List, Modal, Text } from '@mantine/core';
import { ApiError } from '../../api';

export function ProblemAlert({ error, title }: { readonly error: unknown; readonly title: string }) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <Alert color="red" role="alert" title={title}>
      <Text size="sm">{error instanceof Error ? error.message : 'Not saved'}</Text>
      {problem?.errors !== undefined && problem.errors.length > 0 && (
        <List size="sm" mt="xs">
          {problem.errors.map((e, i) => (
            <List.Item key={i}>{e.path !== undefined && e.path !== '' ? `${e.path}: ` : ''}{e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function ConfirmChanges(props: {
  readonly opened: boolean;
  readonly title: string;
  readonly changes: readonly string[];
  readonly note: string;
  readonly pending: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title={props.title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Text size="sm" mb="xs">These changes will be saved and recorded in the audit trail:</Text>
      <List size="sm" aria-label="Changes to save" mb="sm">
        {props.changes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed" mb="md">{props.note}</Text>
      <Group justify="end">
        <Button variant="default" onClick={props.onCancel}>Go back</Button>
        <Button loading={props.pending} disabled={props.pending} onClick={props.onConfirm}>Save these changes</Button>
      </Group>
    </Modal>
  );
}
