import type { ConnectorSettings } from '../../domain/settings.js';
import { parseSettingsInput } from '../../domain/settings-input.js';
import { settingsSchema } from '../../domain/settings.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { AppError, notFound } from '../errors.js';
import type { ConnectorService } from './service.js';

/**
 * The connector settings document: `GET` returns it, `PUT` replaces it whole (and accepts exactly what
 * `GET` returns). A saved change reaches the running workflow and session without a restart.
 */
export function createSettingsService(connectors: ConnectorService, defaultPhoneRegion: string) {
  return {
    async get(id: string): Promise<ConnectorSettings> {
      const doc = await connectors.load(id);
      // Documents saved before a field existed read back with that field's default.
      return settingsSchema.parse(doc.settings);
    },

    async put(id: string, input: unknown): Promise<ConnectorSettings> {
      const result = parseSettingsInput(input, defaultPhoneRegion);
      if (!result.ok) throw new AppError(422, 'invalid_settings', 'the settings are not valid', { fields: result.fields });
      const updated = await ConnectorModel.updateOne({ _id: id }, { $set: { settings: result.settings } });
      if (updated.matchedCount === 0) throw notFound(`connector ${id}`);
      await connectors.settingsChanged(id, { showOnline: result.settings.chats.showOnline });
      return result.settings;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
