import { Pill, Text, Tooltip } from '@mantine/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FieldErrors } from '../api/settings.js';
import { useT } from '../i18n/useT.js';

interface PhoneChipsProps {
  /** E.164 numbers. */
  numbers: string[];
  /** The api's 422 fields: `ignoredNumbers.<index>` flags a chip. */
  rejected: FieldErrors;
  onRemove: (number: string) => void;
}

const display = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

/** The ignored numbers as removable chips, in a labelled list. */
export function PhoneChips({ numbers, rejected, onRemove }: PhoneChipsProps) {
  const t = useT();
  if (numbers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('ignored.empty')}
      </Text>
    );
  }
  return (
    <Pill.Group component="ul" aria-label={t('ignored.listLabel')} m={0} p={0} style={{ listStyle: 'none' }}>
      {numbers.map((number, index) => {
        const refusal = rejected[`ignoredNumbers.${index}`];
        const chip = (
          <Pill
            size="md"
            withRemoveButton
            onRemove={() => {
              onRemove(number);
            }}
            // Mantine hides the remove button from keyboards and screen readers; here it is the only way to remove.
            removeButtonProps={{ 'aria-label': t('ignored.remove', { number }), 'aria-hidden': false, tabIndex: 0 }}
            data-phone={number}
            aria-invalid={refusal !== undefined || undefined}
            bg={refusal === undefined ? undefined : 'red.1'}
            c={refusal === undefined ? undefined : 'red.9'}
          >
            {display(number)}
          </Pill>
        );
        return (
          <li key={number}>
            {refusal === undefined ? chip : <Tooltip label={t('ignored.rejected', { message: refusal })}>{chip}</Tooltip>}
          </li>
        );
      })}
    </Pill.Group>
  );
}
