import { DrawnMotion } from "../motion/drawnMotion";
import { PositionHistory } from "../motion/interpolation";
import { EntityKind, type EntityFields } from "../net/protocol";

/** What the client knows of one entity in view: the last fields the server sent, and where it walked. */
export class EntityView {
  kind: EntityKind = EntityKind.Player;
  name = "";
  type = 0;
  quantity = 0;
  health = 0;
  maxHealth = 0;
  target = 0;
  inCombatUntil = 0;
  emote = 0;
  emoteUntil = 0;
  yaw = 0;
  appearance: number[] = [];
  dead = false;
  readonly history = new PositionHistory();
  /** Where it is drawn, following the interpolated position at a capped speed. */
  readonly drawn = new DrawnMotion();

  constructor(readonly id: number) {}

  apply(fields: EntityFields, tick: number): void {
    if (fields.kind !== undefined) this.kind = fields.kind;
    if (fields.x !== undefined && fields.z !== undefined) this.history.add(tick, fields.x, fields.z);
    if (fields.yaw !== undefined) this.yaw = fields.yaw;
    if (fields.health !== undefined) this.health = fields.health;
    if (fields.maxHealth !== undefined) this.maxHealth = fields.maxHealth;
    if (fields.target !== undefined) this.target = fields.target;
    if (fields.inCombatUntil !== undefined) this.inCombatUntil = fields.inCombatUntil;
    if (fields.emote !== undefined) this.emote = fields.emote;
    if (fields.emoteUntil !== undefined) this.emoteUntil = fields.emoteUntil;
    if (fields.name !== undefined) this.name = fields.name;
    if (fields.type !== undefined) this.type = fields.type;
    if (fields.quantity !== undefined) this.quantity = fields.quantity;
    if (fields.appearance !== undefined) this.appearance = fields.appearance;
  }

  /** The tile the server last placed it on. */
  get tile(): { x: number; z: number } | undefined {
    const latest = this.history.latest;
    return latest ? { x: Math.round(latest.x), z: Math.round(latest.z) } : undefined;
  }
}
