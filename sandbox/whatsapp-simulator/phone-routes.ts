import type { Router } from 'express';
import { AppError, parseBody } from '../../api/errors.js';
import { isOnWhatsApp, restrict } from './accounts.js';
import { phoneMessageId } from './addresses.js';
import { phoneMessage } from './client-events.js';
import type { SimulatorContext } from './context.js';
import type { controlSchemas } from './control-schemas.js';
import { pairDevice, pairingCodeMatches, removeDevice } from './devices.js';
import { anySocket, openSocket, pairingSocket } from './live-sockets.js';
import { WhatsAppCode } from './protocol.js';
import { recordSend } from './sent-log.js';

type Schemas = ReturnType<typeof controlSchemas>;

/** What the company's phone and WhatsApp's servers do to the account: pairing, logout, faults, limits. */
export function addPhoneRoutes(router: Router, ctx: SimulatorContext, body: Schemas): void {
  router.post('/:connectorId/scan', async (req, res) => {
    const { phone, qr, name } = parseBody(body.scan, req.body);
    const socket = pairingSocket(ctx, req.params.connectorId);
    if (qr !== undefined && qr !== socket.currentQr) throw new AppError(409, 'qr_expired', 'that QR is no longer on offer');
    await socket.completePairing(await pairDevice(req.params.connectorId, phone, name));
    res.json({ phone });
  });

  router.post('/:connectorId/pair-code', async (req, res) => {
    const { phone, code } = parseBody(body.pairCode, req.body);
    const socket = pairingSocket(ctx, req.params.connectorId);
    if (!(await pairingCodeMatches(req.params.connectorId, phone, code))) {
      throw new AppError(409, 'wrong_pairing_code', `no pairing code ${code} was issued for ${phone}`);
    }
    await socket.completePairing(await pairDevice(req.params.connectorId, phone));
    res.json({ phone });
  });

  router.post('/:connectorId/qr-timeout', (req, res) => {
    pairingSocket(ctx, req.params.connectorId).exhaustQr();
    res.json({});
  });

  router.post('/:connectorId/logout', async (req, res) => {
    if (!(await removeDevice(req.params.connectorId))) throw new AppError(409, 'not_paired', `connector ${req.params.connectorId} has no linked device`);
    ctx.sockets.open(req.params.connectorId)?.closeWith(WhatsAppCode.loggedOut, 'device removed');
    res.json({});
  });

  router.post('/:connectorId/conflict', (req, res) => {
    openSocket(ctx, req.params.connectorId).closeWith(WhatsAppCode.connectionReplaced, 'conflict: replaced');
    res.json({});
  });

  router.post('/:connectorId/drop', (req, res) => {
    anySocket(ctx, req.params.connectorId).drop();
    res.json({});
  });

  router.post('/:connectorId/restrict', async (req, res) => {
    const { seconds, reason = 'reachout_time_lock' } = parseBody(body.restrict, req.body);
    const until = Date.now() + seconds * 1000;
    await restrict(req.params.connectorId, reason, until);
    await ctx.sockets.open(req.params.connectorId)?.send({ type: 'restriction', reason, until });
    res.json({ reason, until });
  });

  router.post('/:connectorId/phone-message', async (req, res) => {
    const { to, text } = parseBody(body.phoneMessage, req.body);
    if (!(await isOnWhatsApp(to))) throw new AppError(409, 'not_on_whatsapp', `${to} is not on WhatsApp`);
    const id = phoneMessageId();
    await recordSend(req.params.connectorId, { id, to, text }, true);
    await ctx.backlog.push(req.params.connectorId, phoneMessage(id, to, text));
    res.status(202).json({ id });
  });
}
