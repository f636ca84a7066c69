/**
 * The JSON body parser every route uses, with its size limit. Compressed bodies are refused
 * (body-parser's `inflate: false`): no client of this API compresses what it sends, and a
 * gzip body that does not inflate surfaced as a zlib error, which the last handler took for
 * a bug (500). Now every `Content-Encoding` but identity is body-parser's
 * "encoding.unsupported", answered 400 by errorHandler.ts with what to send instead.
 */
import express, { type RequestHandler } from 'express';

export function jsonBody(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, inflate: false });
}
