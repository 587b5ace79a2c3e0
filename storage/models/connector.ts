import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const connectorSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, maxlength: 100 },
    /** The Bitrix24 portal's member_id; null for a connector created before any portal installed the app. */
    portal: { type: String, default: null },
    lineId: { type: Number, default: null },
    activeUntil: { type: Date, default: null },
    settings: { type: Schema.Types.Mixed, required: true },
    /** The last status the connector's workflow published; the events stream reads it. */
    status: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

export type ConnectorDocument = InferSchemaType<typeof connectorSchema> & { _id: string };

export const ConnectorModel = mongoose.model('Connector', connectorSchema);
