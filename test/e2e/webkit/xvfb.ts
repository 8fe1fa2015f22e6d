import type { Readable } from 'node:stream';
import { exited, failureOf, start, stop } from './child-process.js';

export interface VirtualDisplay {
  /** The value for `DISPLAY`, such as `:3`. */
  display: string;
  stop(): Promise<void>;
}

/** A screen's size in pixels. */
export interface ScreenSize {
  width: number;
  height: number;
}

/**
 * Starts an X server in memory with one screen of `size` on a display number it picks itself (`-displayfd`: it
 * writes the number to that file descriptor once it accepts connections), reachable over its Unix socket only.
 */
export async function startXvfb(size: ScreenSize = { width: 1280, height: 1024 }): Promise<VirtualDisplay> {
  const screen = `${size.width}x${size.height}x24`;
  const child = start('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const failure = failureOf(child);
  const failed = exited(child).then(() => Promise.reject(new Error(`Xvfb did not start: ${failure()}`)));
  try {
    return {
      display: `:${await Promise.race([firstLine(child.stdio[3] as Readable), failed])}`,
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function firstLine(stream: Readable): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
  });
}
