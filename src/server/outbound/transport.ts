/** A request as a transport sends it: already normalised, body already in bytes. */
export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Headers;
  body?: Uint8Array<ArrayBuffer>;
}

/** An answer whose body has not been read yet. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: AsyncIterable<Uint8Array>;
  /** Drops the connection without reading further. */
  discard(): void;
}

/** The chunks of a Fetch body stream; leaving the loop early cancels the stream. */
export async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
