import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A call the client made that nobody answered (rang out, rejected, or missed while offline), stored by
 * the session host before the chat workflow hears of it. `_id` is `<connectorId>:call:<call id>`: the
 * insert is the dedupe, so a call reported twice (Baileys repeats, a host restart) is one document.
 *
 * `status`: `pending` until the chat workflow handled it. `crm` is the to-do's progress: the owner
 * found or created, and `todo` `sending` while the non-idempotent `crm.activity.todo.add` is in flight
 * (a retry that finds it there records `unknown` rather than create a second to-do).
 */
const callEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true },
    contactId: { type: String, required: true },
    callId: { type: String, required: true },
    outcome: { type: String, enum: ['missed', 'rejected'], required: true },
    offline: { type: Boolean, default: false },
    at: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'handled'], default: 'pending' },
    crm: {
      type: new Schema(
        {
          ownerTypeId: { type: Number },
          ownerId: { type: Number },
          /** `crm.lead.add` was called: a retry looks the lead up again instead of adding another. */
          leadRequested: { type: Boolean },
          todo: { type: String, enum: ['sending', 'created', 'unknown', 'skipped'] },
          todoId: { type: Number },
          detail: { type: String },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { timestamps: true, versionKey: false },
);
callEventSchema.index({ connectorId: 1, contactId: 1, at: 1 });

export type CallEventDocument = InferSchemaType<typeof callEventSchema> & { _id: string };

export const CallEventModel = mongoose.model('CallEvent', callEventSchema, 'call_events');

export const callEventId = (connectorId: string, callId: string) => `${connectorId}:call:${callId}`;
