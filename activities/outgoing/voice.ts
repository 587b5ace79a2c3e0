import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * An operator's audio file as a WhatsApp voice note: Ogg/Opus, mono, 16 kHz, encoded by Debian's
 * ffmpeg. Temporary files rather than pipes, because containers such as MP4/M4A need a seekable input.
 * Undefined when ffmpeg is not installed, so the caller can send the file as a document instead.
 */
export async function toVoiceNote(data: Buffer, fileName: string): Promise<Buffer | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), 'olbridge-voice-'));
  const input = path.join(dir, `in${path.extname(fileName) || '.bin'}`);
  const output = path.join(dir, 'out.ogg');
  try {
    await writeFile(input, data);
    const ran = await new Promise<boolean>((resolve, reject) => {
      execFile(
        'ffmpeg',
        ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '24k', '-f', 'ogg', output],
        { timeout: 120_000 },
        (err) => {
          if (!err) resolve(true);
          else if ((err as NodeJS.ErrnoException).code === 'ENOENT') resolve(false);
          else reject(new Error(`ffmpeg could not convert ${fileName}: ${err.message}`));
        },
      );
    });
    return ran ? await readFile(output) : undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
