import { NativeSelect } from '@mantine/core';
import { lineLabel, type OpenLine } from '../api/lines.js';
import { useT } from '../i18n/useT.js';

interface LinePickerProps {
  label: string;
  description?: string;
  lines: OpenLine[];
  /** The connector the picker is for: its own line counts as free. */
  connectorId?: string;
  /** '' = no line. */
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

/**
 * A native select of the portal's open lines (keyboard and screen-reader friendly, and it fits a
 * Bitrix24 slider): "no line", then the lines; a line held by another connector is shown but disabled.
 */
export function LinePicker({ label, description, lines, connectorId, value, onChange, disabled, error }: LinePickerProps) {
  const t = useT();
  const data = [
    { value: '', label: t('lines.none') },
    ...lines.map((line) => {
      const taken = line.connectorId !== null && line.connectorId !== connectorId;
      const notes = [taken ? t('lines.taken') : undefined, line.active ? undefined : t('lines.inactive')].filter(Boolean);
      return { value: String(line.id), label: notes.length > 0 ? `${lineLabel(line)} — ${notes.join(', ')}` : lineLabel(line), disabled: taken };
    }),
  ];
  return (
    <NativeSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      disabled={disabled}
      error={error}
    />
  );
}
