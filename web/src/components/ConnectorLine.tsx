import { Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { useBindLine, type Connector } from '../api/connectors.js';
import { lineLabel, useLines } from '../api/lines.js';
import { portalChoice, usePortals } from '../api/portals.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LinePicker } from './LinePicker.js';

/**
 * The open line the connector is bound to, with a picker of its portal's lines to bind it to another
 * one or unbind it (naming the portal when several are installed). The choice shows at once; a refusal
 * (409 `line_taken`) puts the bound line back and says why.
 */
export function ConnectorLine({ connector }: { connector: Pick<Connector, 'id' | 'lineId' | 'portal'> }) {
  const t = useT();
  const lines = useLines(connector.portal);
  const portalDomain = portalChoice(usePortals().data)?.find((p) => p.memberId === connector.portal)?.domain;
  const bind = useBindLine(connector.id);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const bound = connector.lineId === null ? '' : String(connector.lineId);
  const lineTaken = bind.error instanceof ApiError && bind.error.code === 'line_taken';

  if (!lines.data) {
    // No portal to ask (none claimed the connector, or it is gone): only say which line (if any) it has.
    return (
      <Text size="sm">{connector.lineId === null ? t('lines.notBound') : t('lines.boundTo', { line: `#${connector.lineId}` })}</Text>
    );
  }
  const current = lines.data.find((line) => String(line.id) === bound);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <LinePicker
            label={t('lines.pickerLabel')}
            description={portalDomain === undefined ? undefined : t('lines.ofPortal', { portal: portalDomain })}
            lines={lines.data}
            connectorId={connector.id}
            value={pending ?? bound}
            onChange={(value) => {
              setPending(value);
              bind.mutate(value === '' ? null : Number(value), {
                onSettled: () => {
                  setPending(undefined);
                },
              });
            }}
            disabled={bind.isPending}
            error={lineTaken ? t('lines.takenError') : undefined}
          />
        </div>
        {bind.isPending && <Loader size="sm" aria-label={t('lines.saving')} />}
      </Group>
      {!bind.isPending && !bind.isError && (
        <Text size="xs" c="dimmed" role="status">
          {current ? t('lines.boundTo', { line: lineLabel(current) }) : t('lines.notBound')}
        </Text>
      )}
      {bind.isError && !lineTaken && <ErrorAlert error={bind.error} onClose={bind.reset} />}
    </Stack>
  );
}
