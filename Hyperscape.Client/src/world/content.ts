// The world as /api/world describes it: the tile map, items and NPC types.

export interface ItemInfo {
  id: number;
  name: string;
  stackable: boolean;
  slot: number;
  heals: number;
  /** A weapon's combat options in button order; SetAttackStyle's value indexes them. */
  styles: string[];
  /** Levels wearing it needs, as "Attack 5". */
  requirements: string[];
  /** Prayer XP in tenths for burying it, or 0. */
  buryXpTenths: number;
  /** Logs that light with a tinderbox. */
  burnable: boolean;
  /** Raw food that cooks on a fire or range. */
  cookable: boolean;
}

export interface PrayerInfo {
  name: string;
  level: number;
}

export interface NpcInfo {
  id: number;
  name: string;
  combatLevel: number;
  hitpoints: number;
  aggressive: boolean;
  /** The shop it keeps, 0 for none: a shopkeeper is talked to, not attacked. */
  shop: number;
}

export interface ResourceInfo {
  id: number;
  name: string;
  /** The skill that works it, in lowercase ("woodcutting"). */
  skill: string;
  level: number;
  /** The item a success gives. */
  product: number;
  /** False for fishing spots, which stand in the water. */
  blocks: boolean;
}

/** A recipe: `Make` names it by its product. */
export interface RecipeInfo {
  product: number;
  quantity: number;
  skill: string;
  level: number;
  xpTenths: number;
  /** The world object kind it is made at (2 furnace, 3 anvil, 6 rune altar), 0 for anywhere. */
  station: number;
  /** [item, quantity] pairs used up by one make. */
  inputs: [number, number][];
  tools: number[];
}

/** A fixed object: its tile, kind and, for a rune altar, the rune it makes. */
export interface ObjectInfo {
  at: { x: number; z: number };
  kind: number;
  makes: number;
}

export interface ObstacleInfo {
  name: string;
  at: { x: number; z: number };
  landing: { x: number; z: number };
  level: number;
  xpTenths: number;
}

export interface CourseInfo {
  name: string;
  lapXpTenths: number;
  obstacles: ObstacleInfo[];
}

export interface SpellInfo {
  id: number;
  name: string;
  level: number;
  maxHit: number;
  /** [item, quantity] pairs a cast uses up. */
  runes: [number, number][];
}

export interface WorldDescription {
  width: number;
  height: number;
  blocked: string;
  items: ItemInfo[];
  npcs: NpcInfo[];
  tickMs: number;
  frameMs: number;
  viewRadius: number;
  privy: boolean;
  voice: boolean;
  unarmedStyles: string[];
  /** In id order: a prayer's index is its id on the wire. */
  prayers: PrayerInfo[];
  altars: { x: number; z: number }[];
  resources: ResourceInfo[];
  /** Shop names by id. */
  shops: Record<string, string>;
  water: { from: { x: number; z: number }; to: { x: number; z: number } }[];
  recipes?: RecipeInfo[];
  objects?: ObjectInfo[];
  courses?: CourseInfo[];
  spells?: SpellInfo[];
}

/** World object kinds (docs/PROTOCOL.md): the type of an entity of kind Object. */
export const ObjectKind = { BankBooth: 1, Furnace: 2, Anvil: 3, Range: 4, Fire: 5, RuneAltar: 6, Obstacle: 7 } as const;

export const EquipmentSlotNames = ["Head", "Cape", "Amulet", "Weapon", "Body", "Shield", "Legs", "Gloves", "Boots", "Ring", "Ammo"] as const;

/** The equipment slot a weapon is wielded in. */
export const WeaponSlot = EquipmentSlotNames.indexOf("Weapon");

export const SkillNames = [
  "Attack",
  "Strength",
  "Defence",
  "Constitution",
  "Ranged",
  "Magic",
  "Prayer",
  "Woodcutting",
  "Mining",
  "Fishing",
  "Firemaking",
  "Cooking",
  "Smithing",
  "Agility",
  "Crafting",
  "Fletching",
  "Runecrafting",
] as const;

export class Content {
  private readonly items = new Map<number, ItemInfo>();
  private readonly npcs = new Map<number, NpcInfo>();
  private readonly resources = new Map<number, ResourceInfo>();
  private readonly waterTiles = new Set<number>();

  constructor(readonly world: WorldDescription) {
    for (const item of world.items) this.items.set(item.id, item);
    for (const npc of world.npcs) this.npcs.set(npc.id, npc);
    for (const resource of world.resources ?? []) this.resources.set(resource.id, resource);
    for (const area of world.water ?? []) {
      for (let z = Math.min(area.from.z, area.to.z); z <= Math.max(area.from.z, area.to.z); z++) {
        for (let x = Math.min(area.from.x, area.to.x); x <= Math.max(area.from.x, area.to.x); x++) this.waterTiles.add(z * world.width + x);
      }
    }
  }

  /** What can be made at an object of `kind` on `tile` (a rune altar: only its own rune). */
  recipesAt(kind: number, tile: { x: number; z: number }): RecipeInfo[] {
    if (kind !== ObjectKind.Furnace && kind !== ObjectKind.Anvil && kind !== ObjectKind.RuneAltar) return [];
    const altar = kind === ObjectKind.RuneAltar ? this.world.objects?.find((o) => o.at.x === tile.x && o.at.z === tile.z) : undefined;
    return (this.world.recipes ?? []).filter((r) => r.station === kind && (altar === undefined || r.product === altar.makes));
  }

  /** What can be made anywhere from `item` (fletching, crafting). */
  recipesUsing(item: number): RecipeInfo[] {
    return (this.world.recipes ?? []).filter((r) => r.station === 0 && r.inputs.some(([input]) => input === item));
  }

  /** The obstacle standing on `tile`, if any. */
  obstacleAt(tile: { x: number; z: number }): ObstacleInfo | undefined {
    for (const course of this.world.courses ?? []) {
      const found = course.obstacles.find((o) => o.at.x === tile.x && o.at.z === tile.z);
      if (found) return found;
    }
    return undefined;
  }

  resource(id: number): ResourceInfo | undefined {
    return this.resources.get(id);
  }

  resourceName(id: number): string {
    return this.resources.get(id)?.name ?? `Resource ${id}`;
  }

  /** True for a tile of water (drawn blue; blocked like a wall). */
  isWater(x: number, z: number): boolean {
    return this.waterTiles.has(z * this.world.width + x);
  }

  item(id: number): ItemInfo | undefined {
    return this.items.get(id);
  }

  itemName(id: number): string {
    return this.items.get(id)?.name ?? `Item ${id}`;
  }

  /** The combat options with the weapon `itemId` in hand (0 or an unknown id: bare hands). */
  stylesOf(itemId: number): string[] {
    const styles = this.items.get(itemId)?.styles ?? [];
    return styles.length > 0 ? styles : this.world.unarmedStyles;
  }

  npc(id: number): NpcInfo | undefined {
    return this.npcs.get(id);
  }

  npcName(id: number): string {
    return this.npcs.get(id)?.name ?? `NPC ${id}`;
  }
}
