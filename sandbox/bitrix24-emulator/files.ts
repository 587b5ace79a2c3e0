import type { Portal } from './portal.js';
import type { StoredFile } from './state.js';

const IMAGE = /\.(jpe?g|png|webp|gif|bmp)$/i;

/** Bitrix24's coarse file kind, as the `type` of an outbound file item. */
export function fileKind(name: string, mime?: string): string {
  if (mime?.startsWith('image/') || IMAGE.test(name)) return 'image';
  if (mime?.startsWith('audio/') || /\.(ogg|oga|mp3|m4a|wav|opus)$/i.test(name)) return 'audio';
  if (mime?.startsWith('video/') || /\.(mp4|mov|webm|3gp)$/i.test(name)) return 'video';
  return 'file';
}

/**
 * Files in the emulated portal's storage: those operators attach (served at the `link` of
 * OnImConnectorMessageAdd) and those Bitrix24 downloads from the urls in send.messages. Bytes stay
 * in memory; after a restart the records remain but the bytes are gone.
 */
export class FileStore {
  private readonly bytes = new Map<number, { data: Buffer; mime: string }>();

  constructor(private readonly portal: Portal) {}

  save(name: string, data: Buffer, mime?: string, extra: Partial<StoredFile> = {}): StoredFile {
    const file: StoredFile = { id: this.portal.nextId('file'), name, type: fileKind(name, mime), size: data.length, mime, ...extra };
    this.bytes.set(file.id, { data, mime: mime ?? 'application/octet-stream' });
    this.portal.state.files.push(file);
    this.portal.changed();
    return file;
  }

  link(file: StoredFile): string {
    return `${this.portal.baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}`;
  }

  content(id: number): { file: StoredFile; data: Buffer; mime: string } | undefined {
    const file = this.portal.state.files.find((f) => f.id === id);
    const stored = this.bytes.get(id);
    return file && stored ? { file, ...stored } : undefined;
  }

  /** Fetches a client file as the portal does; a failed download is recorded, not thrown. */
  async download(url: string, name: string | undefined): Promise<StoredFile> {
    const fallbackName = name || decodeURIComponent(new URL(url, 'http://x').pathname.split('/').pop() || 'file');
    if (this.portal.options.downloadClientFiles === false) {
      return this.record({ name: fallbackName, url, type: fileKind(fallbackName), size: 0 });
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.portal.options.handlerTimeoutMs ?? 10_000) });
      if (!response.ok) return this.record({ name: fallbackName, url, type: fileKind(fallbackName), size: 0, download: { status: response.status } });
      const data = Buffer.from(await response.arrayBuffer());
      const mime = response.headers.get('content-type') ?? undefined;
      return this.save(fallbackName, data, mime, { url, download: { status: response.status } });
    } catch (err) {
      return this.record({ name: fallbackName, url, type: fileKind(fallbackName), size: 0, download: { error: err instanceof Error ? err.message : String(err) } });
    }
  }

  private record(file: Omit<StoredFile, 'id'>): StoredFile {
    const stored = { id: this.portal.nextId('file'), ...file };
    this.portal.state.files.push(stored);
    return stored;
  }
}
