import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { AttentionModel } from '../../storage/models/attention.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { PortalModel } from '../../storage/models/portal.js';
import { portalOf } from '../../storage/connector-portal.js';

const WHY: Record<string, string> = {
  logged_out_from_phone: 'was logged out from the phone. Open its settings and scan a new QR code.',
  connection_replaced: 'was taken over by another WhatsApp Web session. Open its settings and press Reconnect.',
  expired: 'has reached its active-until date and stopped sending and receiving.',
  stale_whatsapp_version: 'is refused by WhatsApp because the product is out of date. Update Openline Bridge.',
};

/**
 * Delivers open attention records (written by the ConnectorWorkflow) to the portal's installing admin as
 * `im.notify.system.add` (§9.1), then marks them delivered. The notification's TAG is per connector and
 * reason, so a repeat after a crash between the two steps replaces the first notice instead of adding
 * one. Records of connectors without a portal wait until one installs the app.
 */
export async function deliverAttentions(clientFor: (memberId: string) => Bitrix24Client): Promise<number> {
  const open = await AttentionModel.find({ deliveredAt: null }).sort({ createdAt: 1 }).limit(50).lean<Array<{ _id: unknown; connectorId: string; reason: string }>>();
  let delivered = 0;
  for (const attention of open) {
    const connector = await ConnectorModel.findById(attention.connectorId, { name: 1, portal: 1 }).lean<{ name: string; portal: string | null }>();
    if (!connector) {
      await AttentionModel.updateOne({ _id: attention._id }, { $set: { deliveredAt: new Date() } });
      continue;
    }
    const memberId = await portalOf(connector);
    const portal = memberId ? await PortalModel.findById(memberId, { installerUserId: 1 }).lean<{ installerUserId: number | null }>() : null;
    if (!memberId || !portal?.installerUserId) continue;
    await clientFor(memberId).call('im.notify.system.add', {
      USER_ID: portal.installerUserId,
      MESSAGE: `[b]WhatsApp connector "${connector.name}"[/b] ${WHY[attention.reason] ?? `needs attention (${attention.reason}).`}`,
      TAG: `olbridge_attention_${attention.connectorId}_${attention.reason}`,
    });
    await AttentionModel.updateOne({ _id: attention._id }, { $set: { deliveredAt: new Date() } });
    delivered += 1;
  }
  return delivered;
}
