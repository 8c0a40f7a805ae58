// The HTTP door's limits as the settings give them, checked against each other at start.
import { StartupError, type Settings } from '../settings.js';
import type { ConnectionLimits } from './connections.js';

export interface StreamLimits {
  /** Web chat WebSocket streams open at once on this instance. */
  total: number;
  /** Streams one conversation may hold open at once. */
  perConversation: number;
}

export interface HttpLimits {
  connections: ConnectionLimits;
  streams: StreamLimits;
}

/** Ordinary requests (health checks, chat messages, staff) always keep this share of the sockets. */
const RESERVED_FOR_REQUESTS = 0.1;

export function httpLimits(settings: Settings): HttpLimits {
  const connections: ConnectionLimits = {
    maxConnections: settings.HTTP_MAX_CONNECTIONS,
    headersTimeoutMs: settings.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: settings.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
  };
  const streams: StreamLimits = { total: settings.WEBCHAT_MAX_STREAMS, perConversation: settings.WEBCHAT_STREAMS_PER_CONVERSATION };
  const room = Math.floor(connections.maxConnections * (1 - RESERVED_FOR_REQUESTS));
  if (streams.total > room) {
    throw new StartupError(
      `WEBCHAT_MAX_STREAMS (${streams.total}) must leave a tenth of HTTP_MAX_CONNECTIONS (${connections.maxConnections}) to ordinary requests: at most ${room}.`,
    );
  }
  return { connections, streams };
}
