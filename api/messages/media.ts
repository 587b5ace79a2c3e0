import { MAX_MEDIA_BYTES, type MediaBody } from '../../domain/message.js';
import { AppError } from '../errors.js';

const FETCH_TIMEOUT_MS = 20_000;

const invalid = (field: string, message: string) => new AppError(422, 'invalid_request', 'the request is not valid', { fields: { [field]: message } });

/**
 * The bytes of a message's media: decoded from base64, or fetched from `url` now, at acceptance, so the
 * send never depends on a link that may have expired by then. Anything unusable is a 422 and nothing is
 * queued.
 */
export async function mediaBytes(media: MediaBody): Promise<Buffer> {
  const data = media.base64 !== undefined ? Buffer.from(media.base64, 'base64') : await fetchMedia(media.url!);
  if (data.length === 0) throw invalid('media', 'the file is empty');
  if (data.length > MAX_MEDIA_BYTES) throw invalid('media', 'the file is larger than 16 MB');
  return data;
}

async function fetchMedia(url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw invalid('media.url', `could not be fetched (${(err as Error).message})`);
  }
  if (!response.ok) throw invalid('media.url', `answered ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_MEDIA_BYTES) throw invalid('media.url', 'the file is larger than 16 MB');
  return Buffer.from(await response.arrayBuffer());
}
