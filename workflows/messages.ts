import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConnectorStatus } from '../domain/connector-state.js';
import type { OutboxView } from '../domain/outbound.js';
import type { SessionReport } from '../domain/session.js';

/** Signals, updates and queries of the ConnectorWorkflow; the api and the session host import these. */
export const renameSignal = defineSignal<[name: string]>('rename');
export const removeSignal = defineSignal('remove');
/** From the session host: the session's state changed. */
export const sessionReportSignal = defineSignal<[report: SessionReport]>('sessionReport');
/** A saved settings change that the live session must apply (presence). */
export const settingsChangedSignal = defineSignal<[change: { showOnline: boolean }]>('settingsChanged');

/** Log out of WhatsApp, wipe the auth state, offer a fresh QR. */
export const disconnectUpdate = defineUpdate<ConnectorStatus>('disconnect');
/** Leave `conflict`: take the account back. */
export const reconnectUpdate = defineUpdate<ConnectorStatus>('reconnect');
/** Leave `qr_timeout` (or refresh an offered QR). */
export const requestQrUpdate = defineUpdate<ConnectorStatus>('requestQr');
/** A new active-until date (ISO) or none; a past date expires the connector. */
export const setActiveUntilUpdate = defineUpdate<ConnectorStatus, [activeUntil: string | null]>('setActiveUntil');
/** Pairing by phone number: the 8-character code the phone asks for. */
export const pairingCodeUpdate = defineUpdate<string, [phone: string]>('pairingCode');

export const connectorStatusQuery = defineQuery<ConnectorStatus>('status');

/** Outbox (`outbox:<connectorId>`): a message was accepted; the pacer re-reads the head of its queue. */
export const enqueuedSignal = defineSignal('enqueued');
/** Outbox: the connector's intervals changed; the pacer re-reads them and recomputes its deadline now. */
export const setPacingSignal = defineSignal('setPacing');
export const outboxStateQuery = defineQuery<OutboxView>('outboxState');
/** Send (`send:<connectorId>:<messageId>`): stop waiting and try again now (ops, or a known reconnect). */
export const retryNowSignal = defineSignal('retryNow');

/** Chat (`chat:<connectorId>:<contactId>`): a client event was stored; its id, in WhatsApp order. */
export const inboundEventSignal = defineSignal<[eventId: string]>('inboundEvent');
/** Portal setup (`bitrix24-setup:<memberId>`): the app was installed (again); register everything again. */
export const installedSignal = defineSignal('installed');
/** Line binding (`line-binding:<connectorId>`): the connector's `lineId` changed; sync Bitrix24 again. */
export const lineChangedSignal = defineSignal('lineChanged');
/** Chat: a stored client voice note (an inbound event id): forwarded like any message, then maybe answered. */
export const voiceMessageSignal = defineSignal<[eventId: string]>('voiceMessage');
/** Chat: a stored unanswered call (its call record id): the missed-call autoresponder runs. */
export const missedCallSignal = defineSignal<[callEventId: string]>('missedCall');
/** Chat: an operator answered the client in the open line; the bot leaves the dialog to them. */
export const operatorRepliedSignal = defineSignal('operatorReplied');

/** Follow-up (`follow-up:<connectorId>:<messageId>`): the message's status may have moved; read it now. */
export const messageProgressSignal = defineSignal('messageProgress');
/** Connector registrations (`connector-registrations:<connectorId>`): created, renamed, removed or its SMS switch saved. */
export const connectorChangedSignal = defineSignal('connectorChanged');
