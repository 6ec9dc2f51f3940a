// The world as /api/world describes it: the tile map, items and NPC types.

export interface ItemInfo {
  id: number;
  name: string;
  stackable: boolean;
  slot: number;
  heals: number;
}

export interface NpcInfo {
  id: number;
  name: string;
  combatLevel: number;
  hitpoints: number;
  aggressive: boolean;
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
}

export const EquipmentSlotNames = ["Head", "Cape", "Amulet", "Weapon", "Body", "Shield", "Legs", "Gloves", "Boots", "Ring", "Ammo"] as const;

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

  constructor(readonly world: WorldDescription) {
    for (const item of world.items) this.items.set(item.id, item);
    for (const npc of world.npcs) this.npcs.set(npc.id, npc);
  }

  item(id: number): ItemInfo | undefined {
    return this.items.get(id);
  }

  itemName(id: number): string {
    return this.items.get(id)?.name ?? `Item ${id}`;
  }

  npc(id: number): NpcInfo | undefined {
    return this.npcs.get(id);
  }

  npcName(id: number): string {
    return this.npcs.get(id)?.name ?? `NPC ${id}`;
  }
}
