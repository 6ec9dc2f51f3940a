// Turns clicks and keys into intents: walk (predicted at once), attack, pick up, gather, run, chat, eat.

import { ActionKind, ClientMessages, EntityKind } from "../net/protocol";
import type { GameConnection } from "../net/connection";
import type { GameState } from "../game/gameState";
import type { EntityView } from "../game/entityView";
import { ObjectKind } from "../world/content";
import { chebyshev } from "../world/pathfinder";
import type { Panels } from "./panels";
import type { WorldRenderer } from "./worldRenderer";

/** How near a bank booth must be to use it (the server's BankRange). */
const ObjectReach = 2;

/** Taking from a tile: a gravestone is looted, anything else picked up. */
const TakeAction = (view: EntityView): ActionKind => (view.kind === EntityKind.Gravestone ? ActionKind.LootGravestone : ActionKind.Pickup);

export class Input {
  /** A ground item being walked to: picked up once the player stands next to it. */
  private pendingPickup: number | null = null;
  /** A bank booth or shopkeeper being walked to: used once the player stands within 2 tiles. */
  private pendingObject: number | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly state: GameState,
    private readonly connection: GameConnection,
    private readonly renderer: WorldRenderer,
    private readonly panels: Panels,
  ) {
    canvas.addEventListener("click", (event) => {
      const bounds = canvas.getBoundingClientRect();
      this.clickTile(renderer.tileAt(event.clientX - bounds.left, event.clientY - bounds.top));
    });
    canvas.addEventListener("mousemove", (event) => {
      const bounds = canvas.getBoundingClientRect();
      renderer.hover = renderer.tileAt(event.clientX - bounds.left, event.clientY - bounds.top);
    });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      this.zoom(event.deltaY < 0 ? 1 : -1);
    });
    window.addEventListener("keydown", (event) => this.key(event));
  }

  /** What a click on <tile> does: attack the NPC there, pick up the item there, work the resource there, else walk there. */
  clickTile(tile: { x: number; z: number }): void {
    if (this.state.phase !== "world") return;
    const npc = this.entityAt(tile, EntityKind.Npc);
    if (npc && !npc.dead) {
      if ((this.state.content.npc(npc.type)?.shop ?? 0) > 0) this.useObject(npc.id);
      else if (this.state.armedSpell > 0) this.cast(npc.id);
      else this.attack(npc.id);
      return;
    }
    const grave = this.entityAt(tile, EntityKind.Gravestone);
    if (grave && this.state.gravestones.has(grave.id)) {
      this.pickUp(grave.id);
      return;
    }
    const item = this.entityAt(tile, EntityKind.GroundItem);
    if (item) {
      this.pickUp(item.id);
      return;
    }
    const resource = this.entityAt(tile, EntityKind.Resource);
    if (resource) {
      this.gather(resource.id);
      return;
    }
    const placed = this.entityAt(tile, EntityKind.Object);
    if (placed?.type === ObjectKind.Obstacle) {
      this.cross(placed.id);
      return;
    }
    if (placed && placed.type !== ObjectKind.BankBooth) {
      // Furnaces, anvils, ranges, altars and fires are used from the inventory panel once beside them.
      this.walk(tile);
      return;
    }
    if (placed) {
      this.useObject(placed.id);
      return;
    }
    this.walk(tile);
  }

  /** Work a resource node: the server walks the player beside it and rolls until it stops. */
  gather(id: number): void {
    this.pendingPickup = null;
    this.state.prediction.cancel();
    this.state.gathering = id;
    this.connection.send(ClientMessages.action(ActionKind.Interact, { target: id }));
  }

  /** Cross an agility obstacle: the server walks the player up to it and over it. */
  cross(id: number): void {
    this.pendingPickup = null;
    this.pendingObject = null;
    this.state.prediction.cancel();
    this.connection.send(ClientMessages.action(ActionKind.Interact, { target: id }));
  }

  /** Use a bank booth or talk to a shopkeeper: within 2 tiles the server opens it; farther, walk there first. */
  useObject(id: number): void {
    const tile = this.state.entities.get(id)?.tile;
    const me = this.state.prediction.serverTile;
    if (!tile || !me) return;
    if (chebyshev(me, tile) <= ObjectReach) {
      this.connection.send(ClientMessages.action(ActionKind.Interact, { target: id }));
      this.pendingObject = null;
      return;
    }
    this.walk(tile);
    this.pendingObject = id;
  }

  walk(tile: { x: number; z: number }): void {
    this.pendingPickup = null;
    this.pendingObject = null;
    this.state.gathering = null;
    const x = Math.max(0, Math.min(this.state.map.width - 1, tile.x));
    const z = Math.max(0, Math.min(this.state.map.height - 1, tile.z));
    this.connection.send(ClientMessages.action(ActionKind.Move, { x, z }));
    if (!this.state.dead) this.state.prediction.walk({ x, z }, this.applyTick(), this.state.running);
  }

  attack(id: number): void {
    this.pendingPickup = null;
    this.state.gathering = null;
    this.state.prediction.cancel();
    this.connection.send(ClientMessages.action(ActionKind.Attack, { target: id }));
  }

  /** Cast the armed spell once at an NPC; the server walks the player into reach and sight. */
  cast(id: number): void {
    this.pendingPickup = null;
    this.state.gathering = null;
    this.state.prediction.cancel();
    this.connection.send(ClientMessages.action(ActionKind.CastSpell, { target: id, value: this.state.armedSpell }));
    this.state.armedSpell = 0;
  }

  /** Pick up a ground item or loot your gravestone: beside it the server takes it; farther, walk there first. */
  pickUp(id: number): void {
    const item = this.state.entities.get(id);
    const me = this.state.prediction.serverTile;
    const tile = item?.tile;
    if (!tile || !me) return;
    if (chebyshev(me, tile) <= 1) {
      this.connection.send(ClientMessages.action(TakeAction(item), { target: id }));
      this.pendingPickup = null;
      return;
    }
    this.walk(tile);
    this.pendingPickup = id;
  }

  /** Called each frame: finishes a walk-then-pick-up (or walk-then-bank) once the server has the player close enough. */
  update(): void {
    if (this.pendingObject !== null) {
      const tile = this.state.entities.get(this.pendingObject)?.tile;
      const me = this.state.prediction.serverTile;
      if (!tile) this.pendingObject = null;
      else if (me && chebyshev(me, tile) <= ObjectReach) {
        this.connection.send(ClientMessages.action(ActionKind.Interact, { target: this.pendingObject }));
        this.pendingObject = null;
      }
    }
    if (this.pendingPickup === null) return;
    const item = this.state.entities.get(this.pendingPickup);
    const me = this.state.prediction.serverTile;
    if (!item) {
      this.pendingPickup = null;
      return;
    }
    const tile = item.tile;
    if (tile && me && chebyshev(me, tile) <= 1) {
      this.connection.send(ClientMessages.action(TakeAction(item), { target: item.id }));
      this.pendingPickup = null;
    }
  }

  toggleRun(): void {
    this.state.running = !this.state.running;
    this.connection.send(ClientMessages.action(ActionKind.SetRun, { value: this.state.running ? 1 : 0 }));
    this.state.prediction.setRunning(this.state.running, this.applyTick());
    this.panels.render();
  }

  /** The tick that will apply an action sent now: the next one the server computes. */
  private applyTick(): number {
    return Math.floor(this.state.clock.tickAt(performance.now())) + 1;
  }

  private entityAt(tile: { x: number; z: number }, kind: EntityKind): EntityView | undefined {
    const now = performance.now();
    let best: EntityView | undefined;
    let bestDistance = 0.75;
    for (const view of this.state.entities.values()) {
      if (view.kind !== kind) continue;
      const at = this.renderer.positionOf(view, now);
      if (!at) continue;
      const distance = Math.max(Math.abs(at.x - tile.x), Math.abs(at.z - tile.z));
      if (distance < bestDistance) {
        best = view;
        bestDistance = distance;
      }
    }
    return best;
  }

  private nearest(kind: EntityKind, usable: (view: EntityView) => boolean = () => true): EntityView | undefined {
    const me = this.state.prediction.serverTile;
    if (!me) return undefined;
    let best: EntityView | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const view of this.state.entities.values()) {
      const tile = view.tile;
      if (view.kind !== kind || view.dead || !tile || !usable(view)) continue;
      const distance = chebyshev(me, tile);
      if (distance < bestDistance) {
        best = view;
        bestDistance = distance;
      }
    }
    return best;
  }

  private zoom(direction: number): void {
    const camera = this.renderer.camera;
    camera.tileSize = Math.max(12, Math.min(64, camera.tileSize + direction * 4));
  }

  private key(event: KeyboardEvent): void {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (this.state.phase !== "world" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const me = this.state.prediction.tileAfter(Math.floor(this.state.clock.tickAt(performance.now())));
    const step = (dx: number, dz: number) => me && this.walk({ x: me.x + dx, z: me.z + dz });
    const handled: Record<string, () => void> = {
      Enter: () => document.getElementById("chat-input")?.focus(),
      r: () => this.toggleRun(),
      a: () => {
        const npc = this.nearest(EntityKind.Npc);
        if (npc) this.attack(npc.id);
      },
      g: () => {
        const grave = this.nearest(EntityKind.Gravestone, (view) => this.state.gravestones.has(view.id));
        const item = grave ?? this.nearest(EntityKind.GroundItem);
        if (item) this.pickUp(item.id);
      },
      c: () => {
        const resource = this.nearest(EntityKind.Resource, (view) => view.quantity > 0);
        if (resource) this.gather(resource.id);
      },
      e: () => {
        const slot = this.state.inventory.findIndex((stack) => stack.item > 0 && (this.state.content.item(stack.item)?.heals ?? 0) > 0);
        if (slot >= 0) this.panels.inventoryAction("eat", slot);
      },
      ArrowUp: () => step(0, 1),
      ArrowDown: () => step(0, -1),
      ArrowLeft: () => step(-1, 0),
      ArrowRight: () => step(1, 0),
      "+": () => this.zoom(1),
      "=": () => this.zoom(1),
      "-": () => this.zoom(-1),
      "1": () => this.panels.showTab("inventory"),
      "2": () => this.panels.showTab("equipment"),
      "3": () => this.panels.showTab("skills"),
      "4": () => this.panels.showTab("combat"),
      "5": () => this.panels.showTab("friends"),
      "6": () => this.panels.showTab("voice"),
    };
    const action = handled[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? handled[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }
}
