import mongoose, { Schema } from 'mongoose';

/**
 * What a chat workflow must remember after it completes for quiet: when the client last got each kind
 * of autoreply, and the bot's dialog state. `_id` is `<connectorId>:<contactId>`; only that chat's
 * workflow writes it (one at a time by its id), so plain overwrites are safe.
 */
const chatMemorySchema = new Schema(
  {
    _id: { type: String, required: true },
    autoreplies: { type: Schema.Types.Mixed, default: () => ({}) },
    bot: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

export const ChatMemoryModel = mongoose.model('ChatMemory', chatMemorySchema, 'chat_memories');

/**
 * A company-side note or answer posted into the open line chat. `imconnector.send.messages` is not
 * idempotent, so the note's key is inserted first (unique `_id`): a retry that finds it never posts again.
 */
const chatPostSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: ['sending', 'posted', 'unknown', 'skipped'], required: true },
    detail: { type: String },
  },
  { timestamps: true, versionKey: false },
);

export const ChatPostModel = mongoose.model('ChatPost', chatPostSchema, 'chat_posts');
