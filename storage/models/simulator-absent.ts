import mongoose, { Schema } from 'mongoose';

/** Phone numbers (E.164) that have no WhatsApp account in the simulated world. */
const absentSchema = new Schema({ _id: { type: String, required: true } }, { versionKey: false });

export const SimulatorAbsentModel = mongoose.model('SimulatorAbsent', absentSchema, 'simulator_absent');
