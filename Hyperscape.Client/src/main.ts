// The game page: loads the world description, logs in, lists and creates characters, then draws
// the world every animation frame and sends the player's intents.

import { GameConnection, type ConnectionState } from "./net/connection";
import { ClientMessages, ServerType } from "./net/protocol";
import { GameState } from "./game/gameState";
import { Content, type WorldDescription } from "./world/content";
import { TileMap } from "./world/tileMap";
import { byId, element, show } from "./ui/dom";
import { Panels } from "./ui/panels";
import { Input } from "./ui/input";
import { WorldRenderer } from "./ui/worldRenderer";
import { exposeForTests } from "./testHook";

async function start(): Promise<void> {
  const response = await fetch("/api/world");
  if (!response.ok) throw new Error(`The server did not describe its world (${response.status}).`);
  const world = (await response.json()) as WorldDescription;
  const content = new Content(world);
  const map = TileMap.fromBase64(world.width, world.height, world.blocked);
  const state = new GameState(content, map);
  const params = new URLSearchParams(location.search);

  show(byId("privy-row"), world.privy);
  const tokenInput = byId<HTMLInputElement>("token");
  tokenInput.value = sessionStorage.getItem("hyperscape.token") ?? "";
  byId("login-hint").textContent = world.privy
    ? "Paste a Privy access token, or play anonymously if the server allows it."
    : "This server has no Privy app: sessions are anonymous.";

  const socketUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/game`;
  const render = () => {
    show(byId("login"), state.phase === "login");
    show(byId("characters"), state.phase === "characters");
    show(byId("game"), state.phase === "world");
    if (state.phase === "characters") {
      const list = byId("character-list");
      list.replaceChildren(
        ...state.characters.map((character) => {
          const button = element("button", { textContent: `${character.name} (combat ${character.combatLevel})`, data: { character: String(character.id) } });
          button.addEventListener("click", () => connection.send(ClientMessages.selectCharacter(character.id)));
          return element("li", {}, button);
        }),
      );
      byId("no-characters").classList.toggle("hidden", state.characters.length > 0);
    }
  };
  state.onChange(render);

  const onState = (connectionState: ConnectionState, detail?: string) => {
    const banner = byId("banner");
    const text = connectionState === "reconnecting" ? detail ?? "Reconnecting…" : connectionState === "closed" ? detail ?? "Disconnected." : "";
    banner.textContent = text;
    banner.dataset.state = connectionState;
    show(banner, text !== "");
    byId("login-status").textContent = connectionState === "closed" ? text : "";
    if (connectionState === "closed" && state.phase !== "world") state.phase = "login";
    render();
  };

  const connection: GameConnection = new GameConnection({
    url: socketUrl,
    json: params.has("json"),
    onMessage: (message) => {
      state.apply(message);
      // With LiveKit configured, the page fetches its voice token on entering the world (joining
      // the room itself is not wired yet: the token flow is).
      if (message.type === ServerType.EnteredWorld && world.voice) connection.send(ClientMessages.requestVoiceToken());
    },
    onState,
    onSessionStart: () => connection.send(ClientMessages.listCharacters()),
  });
  const renderer = new WorldRenderer(byId<HTMLCanvasElement>("world"), state);
  const panels = new Panels(state, connection);
  const input = new Input(byId<HTMLCanvasElement>("world"), state, connection, renderer, panels);
  exposeForTests(state, renderer, connection);
  const play = () => {
    const token = tokenInput.value.trim() || null;
    if (token) sessionStorage.setItem("hyperscape.token", token);
    state.phase = "login";
    connection.start(token);
  };

  byId<HTMLFormElement>("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    play();
  });
  byId<HTMLFormElement>("create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = byId<HTMLInputElement>("new-name");
    if (name.value.trim()) connection.send(ClientMessages.createCharacter(name.value.trim()));
    name.value = "";
  });
  byId("run-toggle").addEventListener("click", () => input.toggleRun());
  byId("logout").addEventListener("click", () => {
    connection.stop();
    state.phase = "login";
    render();
  });

  // A ping every 5 s while in the world: the round trip shows beside the health.
  setInterval(() => {
    if (state.phase === "world" && connection.isOpen) connection.send(ClientMessages.ping(Date.now()));
  }, 5000);

  const frame = (now: number) => {
    if (state.phase === "world") {
      input.update();
      renderer.draw(now);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  render();
  if (params.has("autoplay")) play();
}

start().catch((error: unknown) => {
  const status = document.getElementById("login-status");
  if (status) status.textContent = error instanceof Error ? error.message : String(error);
  console.error(error);
});
