/**
 * The code field of a service line with search: type a code (or its start) or words, and pick from
 * the codes the plan's PA lists and criteria sets know (GET /api/coverage/codes). A range the plan
 * lists fills in its common start, for the provider to finish the exact code.
 */
import { Combobox, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { CodeHit } from '../../../../src/coverage/code-search';

const keyOf = (h: CodeHit): string => `${h.codeSystem}:${h.code}-${h.codeTo ?? ''}`;

/** The characters a range's first and last code share (`E0424`–`E0444` → `E04`). */
export function commonStart(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

export function CodeSearchInput({ label, value, onChange, w }: { label: string; value: string; onChange: (code: string) => void; w: number }) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [term] = useDebouncedValue(value.trim(), 200);
  const search = useQuery({
    queryKey: ['code-search', term],
    enabled: term.length >= 2,
    staleTime: 5 * 60_000,
    queryFn: () => api<{ items: CodeHit[] }>('GET', `/api/coverage/codes?q=${encodeURIComponent(term)}&limit=12`),
  });
  const items = term.length >= 2 ? (search.data?.items ?? []) : [];
  // Nothing to offer when the field already holds exactly the one code found.
  const offer = items.length === 1 && items[0]?.codeTo === null && items[0].code === value.trim().toUpperCase() ? [] : items;
  const byKey = new Map(items.map((h) => [keyOf(h), h]));
  return (
    <Combobox
      store={combobox}
      width={440}
      position="bottom-start"
      onOptionSubmit={(k) => {
        const h = byKey.get(k);
        if (h === undefined) return;
        onChange(h.codeTo === null ? h.code : commonStart(h.code, h.codeTo));
        if (h.codeTo === null) combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          placeholder="code or words"
          value={value}
          w={w}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={offer.length === 0}>
        <Combobox.Options aria-label={`Codes matching ${term}`}>
          {offer.map((h) => (
            <Combobox.Option value={keyOf(h)} key={keyOf(h)}>
              <Text size="sm">
                <b>{h.codeSystem} {h.code}{h.codeTo === null ? '' : `–${h.codeTo}`}</b> {h.display}
              </Text>
              <Text size="xs" c="dimmed">
                {h.codeTo !== null ? 'A range the plan lists: finish the exact code' : h.inRange !== null ? `On the PA list (range ${h.inRange})` : h.onPaList ? 'On the PA list' : 'Has coverage criteria'}
                {h.criteriaSets.length > 0 && h.codeTo === null ? ` · criteria: ${h.criteriaSets.map((s) => s.title).join('; ')}` : ''}
              </Text>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
