import { z } from 'zod';

/** Request bodies of the connector management API, shared by the api (validation) and the web app (forms). */
export const connectorName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const createConnectorBody = z
  .object({
    name: connectorName,
    portal: z.string().min(1).optional(),
    lineId: z.number().int().positive().nullable().optional(),
  })
  .strict();

export const patchConnectorBody = z
  .object({
    name: connectorName.optional(),
    lineId: z.number().int().positive().nullable().optional(),
  })
  .strict();

export type CreateConnectorBody = z.output<typeof createConnectorBody>;
export type PatchConnectorBody = z.output<typeof patchConnectorBody>;

export const pairingCodeBody = z.object({ phone: z.string().min(3, 'must be a phone number') }).strict();

export const activeUntilBody = z
  .object({ activeUntil: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).nullable() })
  .strict();
