import type { Logger } from '../../lib/logger.js';
import { toVoiceNote } from './voice.js';

type Form = Record<string, unknown>;

export interface OperatorMedia {
  kind: 'image' | 'video' | 'audio' | 'document';
  mimetype: string;
  fileName?: string;
  voice?: boolean;
  base64: string;
}

const AUDIO = /\.(mp3|ogg|oga|opus|m4a|aac|wav|webm|amr|flac)$/i;
const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', mp4: 'video/mp4', pdf: 'application/pdf', mp3: 'audio/mpeg', ogg: 'audio/ogg', m4a: 'audio/mp4', wav: 'audio/wav' };

/**
 * The files of an operator message (§4.3: `name`, `link`, `type`, `size`), downloaded from the portal
 * now: pictures and videos as such, audio as a voice note (transcoded), anything else as a document.
 * Without ffmpeg an audio file goes out as a document, and that is logged. A download stops at
 * `cancellation` (the activity's), so a stalled portal cannot hold a worker's shutdown for its minute.
 */
export async function operatorFiles(files: Form[], logger: Logger, cancellation: AbortSignal): Promise<OperatorMedia[]> {
  const media: OperatorMedia[] = [];
  for (const file of files) {
    const link = typeof file.link === 'string' ? file.link : typeof file.url === 'string' ? file.url : undefined;
    if (!link) continue;
    const name = typeof file.name === 'string' && file.name ? file.name : 'file';
    const response = await fetch(link, { signal: AbortSignal.any([AbortSignal.timeout(60_000), cancellation]), redirect: 'follow' });
    if (!response.ok) throw new Error(`the operator's file ${name} could not be downloaded: ${response.status}`);
    const data = Buffer.from(await response.arrayBuffer());
    const header = response.headers.get('content-type')?.split(';')[0]?.trim();
    const mimetype = header && header !== 'application/octet-stream' ? header : (MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream');
    const type = typeof file.type === 'string' ? file.type : '';
    if (type === 'audio' || mimetype.startsWith('audio/') || AUDIO.test(name)) {
      const voice = await toVoiceNote(data, name);
      if (voice) {
        media.push({ kind: 'audio', mimetype: 'audio/ogg; codecs=opus', voice: true, base64: voice.toString('base64') });
        continue;
      }
      logger.warn({ name }, 'ffmpeg is not installed: an operator audio file goes out as a document, not a voice note');
      media.push({ kind: 'document', mimetype, fileName: name, base64: data.toString('base64') });
      continue;
    }
    const kind = type === 'image' || mimetype.startsWith('image/') ? 'image' : mimetype.startsWith('video/') ? 'video' : 'document';
    media.push({ kind, mimetype, fileName: name, base64: data.toString('base64') });
  }
  return media;
}
