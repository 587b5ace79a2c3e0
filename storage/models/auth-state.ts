import mongoose, { Schema } from 'mongoose';

/**
 * WhatsApp auth state, one document per connector for the creds and one per signal key. `value` is
 * sealed (lib/crypto.ts): the creds and keys are the account itself, whoever reads them can act as it.
 * The composite `_id` makes each upsert a single-document write keyed by what it replaces, so no
 * transaction or unique index is needed (FerretDB).
 */
const authStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true, index: true },
    type: { type: String, required: true },
    keyId: { type: String, required: true },
    value: { type: String, required: true },
  },
  { collection: 'whatsapp_auth_state', versionKey: false, timestamps: { createdAt: false, updatedAt: true } },
);

export const AuthStateModel = mongoose.model('WhatsAppAuthState', authStateSchema);

/** The document type of the creds; Baileys' key types never take this name. */
export const CREDS_TYPE = 'creds';

/** Connector ids and key types never contain `:`, so the key id may. */
export const authStateId = (connectorId: string, type: string, keyId: string) => `${connectorId}:${type}:${keyId}`;
