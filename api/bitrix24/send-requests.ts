import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { startBitrix24Request } from '../../activities/bitrix24/operator-messages.js';
import { Bitrix24EventModel } from '../../storage/models/bitrix24-event.js';
import { eventKey } from './event-key.js';
import { rec, str, trustedEventSender } from './trust.js';

/**
 * `POST /bitrix24/robot` and `POST /bitrix24/sms`: a robot run or an SMS handed to our provider. Both are
 * recorded (deduped: the robot by its single-use `event_token`, an SMS by its `message_id`), handed to
 * their workflow, and answered at once; the send and its result (`bizproc.event.send`, SMS statuses)
 * follow asynchronously.
 */
export function sendRequestRoutes(kind: 'ROBOT' | 'SMS', deps: { temporal: Client; orchestratorQueue: string }): Router {
  return Router().post('/', async (req, res) => {
    const body = rec(req.body);
    const portal = await trustedEventSender(body);
    // The tokens in `auth` are the caller's, not part of the request to keep.
    const request = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'auth'));
    const id = eventKey(portal._id, kind, kind === 'ROBOT' ? str(body.event_token) ?? request : str(body.message_id) ?? request);
    const recorded = await Bitrix24EventModel.updateOne(
      { _id: id },
      { $setOnInsert: { memberId: portal._id, event: kind, data: request, userId: Number(str(rec(body.auth).user_id)) || null, status: 'recorded' } },
      { upsert: true },
    );
    if (recorded.upsertedCount === 0) {
      res.json({ result: 'duplicate' });
      return;
    }
    await startBitrix24Request(deps.temporal, deps.orchestratorQueue, id);
    res.json({ result: 'recorded' });
  });
}
