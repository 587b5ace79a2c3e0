import { PortalModel } from '../../storage/models/portal.js';

/**
 * A portal record stored directly, for tests that need another installed (or uninstalled) portal to
 * exist but never to answer: its endpoint is a closed port and its tokens are placeholders.
 */
export function storeUnreachablePortal(memberId: string, domain: string, options: { applicationToken?: string; uninstalled?: boolean } = {}) {
  return PortalModel.create({
    _id: memberId,
    domain,
    clientEndpoint: 'http://127.0.0.1:9/rest/',
    serverEndpoint: 'https://oauth.bitrix.info/rest/',
    applicationToken: options.applicationToken ?? `${memberId}-application-token`,
    accessToken: 'sealed-elsewhere',
    refreshToken: 'sealed-elsewhere',
    ...(options.uninstalled ? { uninstalledAt: new Date() } : { installedAt: new Date() }),
  });
}
