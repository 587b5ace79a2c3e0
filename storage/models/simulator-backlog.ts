import mongoose, { Schema } from 'mongoose';

/**
 * Events for an account that WhatsApp holds until the account's socket is open (the offline backlog),
 * oldest first. Every event goes through here, connected or not, so the order never depends on a race
 * between a control call and a socket opening.
 */
const backlogSchema = new Schema(
  {
    connectorId: { type: String, required: true },
    /** A server frame of the simulator's wire protocol, stored as plain JSON. */
    frame: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
backlogSchema.index({ connectorId: 1, _id: 1 });

export const SimulatorBacklogModel = mongoose.model('SimulatorBacklog', backlogSchema, 'simulator_backlog');
