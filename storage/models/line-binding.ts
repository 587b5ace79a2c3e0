import mongoose, { Schema } from 'mongoose';

/**
 * Which open line a connector is activated on in Bitrix24, as last done there. The connector document
 * says where it should be (`lineId`); comparing the two tells the binding activity what to undo.
 */
const lineBindingSchema = new Schema(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    lineId: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);

export const LineBindingModel = mongoose.model('LineBinding', lineBindingSchema, 'line_bindings');
