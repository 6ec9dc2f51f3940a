// Draws the tile view around the player on a 2D canvas: terrain, water and walls, resource nodes,
// ground items, NPCs, players with names and health bars, the predicted path, hit splats and XP drops.

import { remoteRenderTick } from "../motion/interpolation";
import { EntityKind } from "../net/protocol";
import type { EntityView } from "../game/entityView";
import type { GameState } from "../game/gameState";
import { ObjectKind, SkillNames } from "../world/content";

const SplatMs = 1200;

const ObjectNames: Record<number, string> = { 1: "Bank booth", 2: "Furnace", 3: "Anvil", 4: "Range", 5: "Fire", 6: "Rune altar", 7: "Obstacle" };
const ObjectColours: Record<number, string> = { 1: "#7a5230", 2: "#8a3b1e", 3: "#3d4450", 6: "#6a5a9c", 7: "#8b6a3e" };
const XpDropMs = 1800;

export interface Camera {
  x: number;
  z: number;
  tileSize: number;
}

export class WorldRenderer {
  readonly camera: Camera = { x: 0, z: 0, tileSize: 32 };
  /** Recent frame times, for the in-page measurement. */
  readonly frameTimes: number[] = [];
  hover: { x: number; z: number } | null = null;
  private readonly context: CanvasRenderingContext2D;
  private shown: { x: number; z: number } | null = null;
  private last = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly state: GameState,
  ) {
    const context = canvas.getContext("2d", { alpha: false });
    if (!context) throw new Error("This browser has no 2D canvas.");
    this.context = context;
  }

  /** Where the local player is drawn now: the predicted walk, eased onto corrections. */
  localPosition(now: number): { x: number; z: number } | null {
    const state = this.state;
    const clockTick = state.clock.tickAt(now);
    const base = Math.floor(clockTick);
    const from = state.prediction.tileAfter(base - 1);
    const to = state.prediction.tileAfter(base);
    if (!from || !to) return null;
    const f = Math.min(1, Math.max(0, clockTick - base));
    const target = { x: from.x + (to.x - from.x) * f, z: from.z + (to.z - from.z) * f };
    if (!this.shown || Math.hypot(target.x - this.shown.x, target.z - this.shown.z) > 8) {
      this.shown = target;
    } else {
      // Corrections ease in over about 100 ms instead of snapping.
      const dt = Math.min(100, now - this.last);
      const k = 1 - Math.exp(-dt / 60);
      this.shown = { x: this.shown.x + (target.x - this.shown.x) * k, z: this.shown.z + (target.z - this.shown.z) * k };
    }
    return this.shown;
  }

  /** Where entity <view> is drawn now. */
  positionOf(view: EntityView, now: number): { x: number; z: number } | undefined {
    if (view.id === this.state.networkId) return this.localPosition(now) ?? view.history.at(Number.MAX_SAFE_INTEGER);
    if (view.kind === EntityKind.GroundItem || view.kind === EntityKind.Resource || view.kind === EntityKind.Object || view.kind === EntityKind.Gravestone) return view.history.latest;
    const clock = this.state.clock;
    const tick = remoteRenderTick(clock.tickAt(now), clock.tickMs);
    const target = view.history.at(tick);
    return target && view.drawn.follow(target, view.history.paceAt(tick), now, clock.tickMs);
  }

  resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.floor(this.canvas.clientWidth * ratio);
    const height = Math.floor(this.canvas.clientHeight * ratio);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
  }

  /** The tile under a point of the canvas, in CSS pixels. */
  tileAt(cssX: number, cssY: number): { x: number; z: number } {
    const { camera } = this;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const x = camera.x + (cssX - width / 2) / camera.tileSize;
    const z = camera.z - (cssY - height / 2) / camera.tileSize;
    return { x: Math.round(x), z: Math.round(z) };
  }

  /** The point of the canvas, in CSS pixels, at the centre of a tile. */
  screenOf(x: number, z: number): { x: number; y: number } {
    const { camera } = this;
    return {
      x: this.canvas.clientWidth / 2 + (x - camera.x) * camera.tileSize,
      y: this.canvas.clientHeight / 2 - (z - camera.z) * camera.tileSize,
    };
  }

  draw(now: number): void {
    const started = performance.now();
    this.resize();
    const ctx = this.context;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const state = this.state;
    const me = this.localPosition(now);
    if (me) {
      this.camera.x = me.x;
      this.camera.z = me.z;
    }
    this.last = now;
    const size = this.camera.tileSize;
    ctx.fillStyle = "#10140f";
    ctx.fillRect(0, 0, width, height);

    // Terrain: walkable grass in a checker, walls as stone, off-map as void.
    const halfX = Math.ceil(width / size / 2) + 1;
    const halfZ = Math.ceil(height / size / 2) + 1;
    const cx = Math.round(this.camera.x);
    const cz = Math.round(this.camera.z);
    for (let z = cz - halfZ; z <= cz + halfZ; z++) {
      for (let x = cx - halfX; x <= cx + halfX; x++) {
        if (!state.map.contains(x, z)) continue;
        const p = this.screenOf(x, z);
        ctx.fillStyle = state.map.isWalkable(x, z) ? ((x + z) & 1 ? "#3c6b32" : "#41733a") : state.content.isWater(x, z) ? "#2a5d8f" : "#6d6a64";
        ctx.fillRect(p.x - size / 2, p.y - size / 2, size + 0.5, size + 0.5);
      }
    }

    // Altars: a pale stone with a gold cross, so a player can find where prayer is restored.
    for (const altar of state.content.world.altars) {
      if (Math.abs(altar.x - cx) > halfX || Math.abs(altar.z - cz) > halfZ) continue;
      const p = this.screenOf(altar.x, altar.z);
      ctx.fillStyle = "#d8d2c4";
      ctx.fillRect(p.x - size / 2 + 1, p.y - size / 2 + 1, size - 2, size - 2);
      ctx.fillStyle = "#c9a227";
      ctx.fillRect(p.x - size / 10, p.y - size / 3, size / 5, (size * 2) / 3);
      ctx.fillRect(p.x - size / 4, p.y - size / 6, size / 2, size / 6);
    }

    // The walk in progress and where it ends.
    const path = state.prediction.path;
    if (path.length > 1) {
      ctx.strokeStyle = "rgba(255, 255, 255, 0.55)";
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      path.forEach((tile, i) => {
        const p = this.screenOf(tile.x, tile.z);
        if (i === 0) ctx.moveTo(p.x, p.y);
        else ctx.lineTo(p.x, p.y);
      });
      ctx.stroke();
      ctx.setLineDash([]);
      const end = path[path.length - 1]!;
      const p = this.screenOf(end.x, end.z);
      ctx.strokeStyle = "#ffd84a";
      ctx.strokeRect(p.x - size / 2 + 2, p.y - size / 2 + 2, size - 4, size - 4);
    }
    if (this.hover) {
      const p = this.screenOf(this.hover.x, this.hover.z);
      ctx.strokeStyle = "rgba(255,255,255,0.35)";
      ctx.lineWidth = 1;
      ctx.strokeRect(p.x - size / 2 + 0.5, p.y - size / 2 + 0.5, size - 1, size - 1);
    }

    const labels: Array<() => void> = [];
    for (const kind of [EntityKind.Object, EntityKind.Resource, EntityKind.Gravestone, EntityKind.GroundItem, EntityKind.Npc, EntityKind.Player]) {
      for (const view of state.entities.values()) {
        if (view.kind !== kind) continue;
        const at = this.positionOf(view, now);
        if (!at) continue;
        const p = this.screenOf(at.x, at.z);
        if (p.x < -size || p.y < -size || p.x > width + size || p.y > height + size) continue;
        this.drawEntity(view, p.x, p.y, size, labels);
      }
    }
    for (const label of labels) label();
    this.drawProjectiles(now);
    this.drawSplats(now);
    this.drawXpDrops(now, width);

    const elapsed = performance.now() - started;
    this.frameTimes.push(elapsed);
    if (this.frameTimes.length > 600) this.frameTimes.splice(0, this.frameTimes.length - 600);
  }

  private drawEntity(view: EntityView, x: number, y: number, size: number, labels: Array<() => void>): void {
    const ctx = this.context;
    const state = this.state;
    if (view.kind === EntityKind.Resource) {
      this.drawResource(view, x, y, size, labels);
      return;
    }
    if (view.kind === EntityKind.Object) {
      if (view.type === ObjectKind.Fire) {
        // Flames: an orange teardrop with a yellow heart.
        ctx.fillStyle = "#e8641c";
        ctx.beginPath();
        ctx.moveTo(x, y - size * 0.4);
        ctx.quadraticCurveTo(x + size * 0.35, y + size * 0.1, x, y + size * 0.3);
        ctx.quadraticCurveTo(x - size * 0.35, y + size * 0.1, x, y - size * 0.4);
        ctx.fill();
        ctx.fillStyle = "#ffd84a";
        ctx.beginPath();
        ctx.arc(x, y + size * 0.08, size * 0.12, 0, Math.PI * 2);
        ctx.fill();
        return;
      }
      // A bank booth: a wooden counter with a gold coin; other objects a plain stone block.
      const booth = view.type === ObjectKind.BankBooth;
      ctx.fillStyle = ObjectColours[view.type] ?? "#55524c";
      ctx.fillRect(x - size * 0.45, y - size * 0.45, size * 0.9, size * 0.9);
      if (booth) {
        ctx.fillStyle = "#e8c547";
        ctx.beginPath();
        ctx.arc(x, y, size * 0.18, 0, Math.PI * 2);
        ctx.fill();
      }
      if (this.hover && this.hover.x === view.tile?.x && this.hover.z === view.tile?.z) {
        const tile = view.tile;
        const name =
          view.type === ObjectKind.Obstacle && tile
            ? (this.state.content.obstacleAt(tile)?.name ?? "Obstacle")
            : view.type === ObjectKind.RuneAltar && tile
              ? `${this.state.content.recipesAt(ObjectKind.RuneAltar, tile).map((r) => this.state.content.itemName(r.product))[0] ?? "Rune"} altar`
              : (ObjectNames[view.type] ?? "Object");
        labels.push(() => this.label(name, x, y - size * 0.55, "#ffe98a"));
      }
      return;
    }
    if (view.kind === EntityKind.Gravestone) {
      // A headstone: a grey slab rounded on top, outlined gold when it is yours.
      const yours = state.gravestones.has(view.id);
      ctx.fillStyle = "#8d8f94";
      ctx.beginPath();
      ctx.moveTo(x - size * 0.28, y + size * 0.38);
      ctx.lineTo(x - size * 0.28, y - size * 0.1);
      ctx.arc(x, y - size * 0.1, size * 0.28, Math.PI, 0);
      ctx.lineTo(x + size * 0.28, y + size * 0.38);
      ctx.closePath();
      ctx.fill();
      if (yours) {
        ctx.strokeStyle = "#ffd84a";
        ctx.lineWidth = 2;
        ctx.stroke();
      }
      if (this.hover && this.hover.x === view.tile?.x && this.hover.z === view.tile?.z) {
        labels.push(() => this.label(yours ? `Your gravestone (${view.quantity} items)` : "Gravestone", x, y - size * 0.55, "#ffe98a"));
      }
      return;
    }
    if (view.kind === EntityKind.GroundItem) {
      ctx.fillStyle = "#e8c547";
      ctx.beginPath();
      ctx.moveTo(x, y - size * 0.22);
      ctx.lineTo(x + size * 0.22, y);
      ctx.lineTo(x, y + size * 0.22);
      ctx.lineTo(x - size * 0.22, y);
      ctx.fill();
      if (this.hover && Math.round(this.hover.x) === Math.round(view.tile?.x ?? NaN) && this.hover.z === view.tile?.z) {
        labels.push(() => this.label(`${state.content.itemName(view.type)}${view.quantity > 1 ? ` (${view.quantity})` : ""}`, x, y - size * 0.4, "#ffe98a"));
      }
      return;
    }

    const mine = view.id === state.networkId;
    const alpha = view.dead ? 0.35 : 1;
    ctx.globalAlpha = alpha;
    if (view.kind === EntityKind.Npc) {
      ctx.fillStyle = state.content.npc(view.type)?.aggressive ? "#c0392b" : "#d9822b";
      ctx.fillRect(x - size * 0.34, y - size * 0.34, size * 0.68, size * 0.68);
    } else {
      ctx.fillStyle = mine ? "#f4f4f4" : "#4f8fe6";
      ctx.beginPath();
      ctx.arc(x, y, size * 0.36, 0, Math.PI * 2);
      ctx.fill();
      // Facing: yaw 0 is north (+z, up the screen), clockwise.
      ctx.strokeStyle = "#1b1b1b";
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + Math.sin(view.yaw) * size * 0.36, y - Math.cos(view.yaw) * size * 0.36);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;

    const name = view.kind === EntityKind.Npc ? `${state.content.npcName(view.type)} (level ${state.content.npc(view.type)?.combatLevel ?? "?"})` : view.name;
    const colour = view.kind === EntityKind.Npc ? "#ffdd57" : mine ? "#ffffff" : "#9cc9ff";
    labels.push(() => this.label(view.dead ? `${name} ✝` : name, x, y - size * 0.62, colour));
    const fighting = view.inCombatUntil > state.tick || view.health < view.maxHealth;
    if (view.maxHealth > 0 && fighting && !view.dead) {
      const w = size * 0.9;
      const fraction = Math.max(0, Math.min(1, view.health / view.maxHealth));
      ctx.fillStyle = "#b3261e";
      ctx.fillRect(x - w / 2, y - size * 0.55, w, 4);
      ctx.fillStyle = "#2ecc40";
      ctx.fillRect(x - w / 2, y - size * 0.55, w * fraction, 4);
    }
  }

  /** A tree (green crown, a stump when felled), a rock (grey, ore-coloured while it has ore) or a fishing spot (ripples). */
  private drawResource(view: EntityView, x: number, y: number, size: number, labels: Array<() => void>): void {
    const ctx = this.context;
    const info = this.state.content.resource(view.type);
    const ready = view.quantity > 0;
    if (info?.skill === "fishing") {
      ctx.strokeStyle = "#cfe8ff";
      ctx.lineWidth = 2;
      for (const r of [0.15, 0.3]) {
        ctx.beginPath();
        ctx.arc(x, y, size * r, 0, Math.PI * 2);
        ctx.stroke();
      }
    } else if (info?.skill === "mining") {
      ctx.fillStyle = "#7b7770";
      ctx.beginPath();
      ctx.arc(x, y, size * 0.42, 0, Math.PI * 2);
      ctx.fill();
      if (ready) {
        ctx.fillStyle = /coal/i.test(info.name) ? "#222" : /iron/i.test(info.name) ? "#8e5a3c" : /tin/i.test(info.name) ? "#c7c7c7" : "#c8743a";
        ctx.fillRect(x - size * 0.12, y - size * 0.12, size * 0.24, size * 0.24);
      }
    } else if (ready) {
      ctx.fillStyle = "#5b3a1e";
      ctx.fillRect(x - size * 0.08, y, size * 0.16, size * 0.4);
      ctx.fillStyle = /yew/i.test(info?.name ?? "") ? "#1f4a2a" : /willow/i.test(info?.name ?? "") ? "#6f9a3a" : "#2f7d32";
      ctx.beginPath();
      ctx.arc(x, y - size * 0.08, size * 0.4, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.fillStyle = "#5b3a1e";
      ctx.beginPath();
      ctx.arc(x, y, size * 0.2, 0, Math.PI * 2);
      ctx.fill();
    }
    if (this.state.gathering === view.id) {
      ctx.strokeStyle = "#ffd84a";
      ctx.lineWidth = 2;
      ctx.strokeRect(x - size / 2 + 1, y - size / 2 + 1, size - 2, size - 2);
    }
    const hovered = this.hover && this.hover.x === view.tile?.x && this.hover.z === view.tile?.z;
    if (hovered && info) {
      labels.push(() => this.label(`${info.name} (${info.skill} ${info.level})${ready ? "" : ", depleted"}`, x, y - size * 0.55, "#b8f5b0"));
    }
  }

  private label(text: string, x: number, y: number, colour: string): void {
    const ctx = this.context;
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(0,0,0,0.8)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
  }

  /** Arrows in flight: a short dark line moving from the shooter to where the target is drawn. */
  private drawProjectiles(now: number): void {
    const state = this.state;
    const ctx = this.context;
    while (state.projectiles.length > 0 && now > state.projectiles[0]!.landsAt) state.projectiles.shift();
    for (const shot of state.projectiles) {
      const fromView = state.entities.get(shot.from);
      const toView = state.entities.get(shot.to);
      const from = fromView && this.positionOf(fromView, now);
      const to = toView && this.positionOf(toView, now);
      if (!from || !to) continue;
      const t = Math.min(1, Math.max(0, (now - shot.at) / Math.max(1, shot.landsAt - shot.at)));
      const head = this.screenOf(from.x + (to.x - from.x) * t, from.z + (to.z - from.z) * t);
      const tail = this.screenOf(from.x + (to.x - from.x) * Math.max(0, t - 0.15), from.z + (to.z - from.z) * Math.max(0, t - 0.15));
      ctx.strokeStyle = "#3b2a1a";
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(tail.x, tail.y);
      ctx.lineTo(head.x, head.y);
      ctx.stroke();
    }
  }

  private drawSplats(now: number): void {
    const state = this.state;
    const ctx = this.context;
    while (state.splats.length > 0 && now - state.splats[0]!.at > SplatMs) state.splats.shift();
    const perEntity = new Map<number, number>();
    for (const splat of state.splats) {
      const view = state.entities.get(splat.entity);
      const at = view && this.positionOf(view, now);
      if (!at) continue;
      const stack = perEntity.get(splat.entity) ?? 0;
      perEntity.set(splat.entity, stack + 1);
      const p = this.screenOf(at.x, at.z);
      const y = p.y - stack * 18;
      ctx.fillStyle = splat.damage > 0 ? "#c0392b" : "#2c6fbb";
      ctx.beginPath();
      ctx.arc(p.x, y, 10, 0, Math.PI * 2);
      ctx.fill();
      ctx.font = "bold 12px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.fillStyle = "#ffffff";
      ctx.fillText(String(splat.damage), p.x, y + 4);
    }
  }

  private drawXpDrops(now: number, width: number): void {
    const drops = this.state.xpDrops;
    while (drops.length > 0 && now - drops[0]!.at > XpDropMs) drops.shift();
    const ctx = this.context;
    ctx.font = "bold 14px system-ui, sans-serif";
    ctx.textAlign = "right";
    drops.forEach((drop, i) => {
      const age = (now - drop.at) / XpDropMs;
      const text = `+${(drop.tenths / 10).toFixed(drop.tenths % 10 === 0 ? 0 : 1)} ${SkillNames[drop.skill] ?? ""} XP`;
      ctx.fillStyle = `rgba(255, 255, 255, ${1 - age})`;
      ctx.fillText(text, width - 12, 60 + i * 18 - age * 30);
    });
  }
}
