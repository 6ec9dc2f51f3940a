// One game session over a WebSocket: hello, resume after a dropped connection, following the
// character to another zone's server, and MessagePack (or JSON, for debugging) on the wire. It
// reports what happens and decodes what arrives; the game state decides what it means.

import { decode, encode } from "@msgpack/msgpack";
import { closeText } from "./reasons";
import { ClientMessages, ClientType, decodeServerMessage, ServerType, type ServerMessage } from "./protocol";

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

export interface ConnectionOptions {
  url: string;
  /** JSON text frames instead of MessagePack: slower, readable in the browser's network panel. */
  json?: boolean;
  onMessage: (message: ServerMessage) => void;
  onState: (state: ConnectionState, detail?: string) => void;
  /** A fresh session began (first connect, or a resume the server refused): list characters. */
  onSessionStart: () => void;
}

const ResumeExpired = 16;

export class GameConnection {
  private socket: WebSocket | null = null;
  private resumeToken: string | null = null;
  private resuming = false;
  private stopped = false;
  private attempts = 0;
  private accessToken: string | null = null;
  private dropping = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private url: string;
  /** Where the character continues, once a ZoneChange said so: followed when this socket closes. */
  private zoneChange: { zone: number; url: string; resumeToken: string | null } | null = null;
  /** The character last selected: selected again at a zone that was told to expect no resume. */
  private selected: number | null = null;
  private reselect = false;
  bytesIn = 0;
  bytesOut = 0;

  constructor(private readonly options: ConnectionOptions) {
    this.url = options.url;
  }

  /** The game socket this session talks to now (another zone's after a crossing). */
  get currentUrl(): string {
    return this.url;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Starts a fresh session (any previous one ends), with a Privy access token or anonymously. */
  start(accessToken: string | null): void {
    this.stop();
    this.accessToken = accessToken;
    this.resumeToken = null;
    this.url = this.options.url;
    this.zoneChange = null;
    this.reselect = false;
    this.attempts = 0;
    this.stopped = false;
    this.open();
  }

  /** Ends the session for good: no reconnect. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }

  /**
   * Drops the socket without ending the session, as a network failure would (tests use it): the
   * server keeps the character for the reconnect grace either way, and this page comes back with
   * the resume token whatever status the server answers the close with.
   */
  dropForTest(): void {
    this.dropping = true;
    this.socket?.close(4100, "dropped by the page");
  }

  send(message: unknown[]): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (message[0] === ClientType.SelectCharacter && typeof message[1] === "number") this.selected = message[1];
    if (this.options.json) {
      const text = JSON.stringify(message);
      this.bytesOut += text.length;
      socket.send(text);
    } else {
      const bytes = encode(message);
      this.bytesOut += bytes.byteLength;
      socket.send(bytes);
    }
  }

  private open(): void {
    this.options.onState(this.resumeToken ? "reconnecting" : "connecting");
    const socket = new WebSocket(this.url);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => {
      this.resuming = this.resumeToken !== null;
      this.send(ClientMessages.hello(this.accessToken, this.resumeToken));
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => this.receive(event.data);
    socket.onclose = (event) => this.closed(socket, event.code, event.reason);
  }

  private receive(data: ArrayBuffer | string): void {
    let message: ServerMessage;
    try {
      if (typeof data === "string") {
        this.bytesIn += data.length;
        message = decodeServerMessage(JSON.parse(data));
      } else {
        this.bytesIn += data.byteLength;
        message = decodeServerMessage(decode(new Uint8Array(data)));
      }
    } catch (error) {
      console.warn("undecodable server message", error);
      return;
    }

    switch (message.type) {
      case ServerType.Welcome:
        this.attempts = 0;
        this.options.onState("open");
        if (this.reselect && !this.resuming && this.selected !== null) {
          // Sent here by a zone at login: the same character, selected again, no list in between.
          this.reselect = false;
          this.send(ClientMessages.selectCharacter(this.selected));
        } else if (!this.resuming) {
          this.options.onSessionStart();
        }
        break;
      case ServerType.ZoneChange:
        this.zoneChange = { zone: message.zone, url: message.address, resumeToken: message.resumeToken };
        break;
      case ServerType.EnteredWorld:
        this.resumeToken = message.resumeToken;
        this.resuming = false;
        break;
      case ServerType.Error:
        if (message.code === ResumeExpired) {
          this.resumeToken = null;
          this.resuming = false;
          this.options.onSessionStart();
        }
        break;
    }
    this.options.onMessage(message);
  }

  private closed(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    if (!this.stopped && this.zoneChange !== null) {
      // The character continues at another zone's server: with the token it gave, as a resume;
      // without one, as a fresh session that selects the same character again.
      const next = this.zoneChange;
      this.zoneChange = null;
      this.url = next.url;
      this.resumeToken = next.resumeToken;
      this.reselect = next.resumeToken === null;
      this.attempts = 0;
      this.options.onState("reconnecting", `Crossing into zone ${next.zone}…`);
      this.open();
      return;
    }

    const final = this.dropping ? null : closeText(code);
    this.dropping = false;
    if (this.stopped || final !== null) {
      // The server said why (a takeover, a shutdown, a refusal): reconnecting would repeat it.
      this.options.onState("closed", final ?? (reason || "Disconnected."));
      return;
    }

    // A dropped connection: the character waits for the reconnect grace, so come back with the
    // resume token, backing off up to 5 s between attempts.
    this.attempts++;
    const delay = Math.min(5000, 250 * 2 ** Math.min(this.attempts - 1, 5));
    this.options.onState("reconnecting", `Connection lost; reconnecting (attempt ${this.attempts})…`);
    this.retry = setTimeout(() => this.open(), delay);
  }
}
