import { Bitrix24EventModel } from '../../storage/models/bitrix24-event.js';

/** An operator-side connector event (OnImConnectorMessageAdd / Update / Delete) as recorded. */
export interface OperatorEvent {
  recordId: string;
  memberId: string;
  event: string;
}

/**
 * Where operator replies, edits and deletions enter the outbound pipeline. The pipeline does not take
 * them yet (issue 5, points 5–7), so the hook only marks the recorded event as waiting for it: nothing
 * is sent to WhatsApp, and the record shows exactly that.
 */
export async function handOperatorEvent(event: OperatorEvent): Promise<void> {
  await Bitrix24EventModel.updateOne({ _id: event.recordId, status: 'recorded' }, { $set: { status: 'awaiting_outbound_pipeline' } });
}
