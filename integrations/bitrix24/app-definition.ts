/**
 * What the product registers in a portal (names fixed in ../shared/design/api.md). Kept apart from the
 * activities that register them, so the api (install checks), the activities and tests agree.
 */
export const CONNECTOR_TYPE_ID = 'olbridge_whatsapp';
export const ROBOT_CODE = 'send_whatsapp';
export const smsSenderCode = (connectorId: string) => `wa_${connectorId}`.toLowerCase();

export const HANDLER_PATHS = {
  install: '/bitrix24/install',
  events: '/bitrix24/events',
  placement: '/bitrix24/placement',
  robot: '/bitrix24/robot',
  sms: '/bitrix24/sms',
} as const;

/** Events bound at every install (a reinstall or update wipes the handlers, §3.2). */
export const BOUND_EVENTS = [
  'OnImConnectorMessageAdd',
  'OnImConnectorMessageUpdate',
  'OnImConnectorMessageDelete',
  'OnImConnectorLineDelete',
  'OnImConnectorStatusDelete',
  'OnImConnectorDialogStart',
  'OnImConnectorDialogFinish',
  'OnAppUninstall',
] as const;

/** A WhatsApp-green speech bubble; `DATA_IMAGE` must be a URL-encoded SVG data URL (§4.2). */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path fill="#fff" d="M32 8a24 24 0 0 0-20.7 36.2L8 56l12.1-3.2A24 24 0 1 0 32 8z"/></svg>';
export const CONNECTOR_ICON = { DATA_IMAGE: `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`, COLOR: '#25D366', SIZE: '90%', POSITION: 'center' };
export const CONNECTOR_ICON_DISABLED = { ...CONNECTOR_ICON, COLOR: '#b0b0b0' };

/** The robot's fields for `bizproc.robot.add` / `.update` (§6); the connector select lists the portal's connectors. */
export function robotFields(publicUrl: string, connectors: Array<{ id: string; name: string }>) {
  return {
    HANDLER: `${publicUrl}${HANDLER_PATHS.robot}`,
    NAME: { en: 'Send WhatsApp message', ru: 'Отправить сообщение WhatsApp' },
    USE_SUBSCRIPTION: 'Y',
    PROPERTIES: {
      phone: { Name: { en: 'Phone', ru: 'Телефон' }, Type: 'string', Required: 'Y' },
      text: { Name: { en: 'Text', ru: 'Текст' }, Type: 'text', Required: 'Y' },
      connector: {
        Name: { en: 'Connector', ru: 'Коннектор' },
        Type: 'select',
        Required: 'Y',
        Options: Object.fromEntries(connectors.map((c) => [c.id, c.name])),
      },
      create_chat: {
        Name: { en: 'Create message in open line chat?', ru: 'Создать сообщение в чате открытой линии?' },
        Type: 'bool',
        Required: 'N',
        Default: 'Y',
      },
    },
    RETURN_PROPERTIES: {
      message_id: { Name: { en: 'Message id', ru: 'ID сообщения' }, Type: 'string' },
      status: { Name: { en: 'Status', ru: 'Статус' }, Type: 'string' },
    },
  };
}
