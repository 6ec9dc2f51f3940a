// The side panels and chat: inventory, equipment, skills, combat, friends, voice. They send
// intents; what they show changes only when the server's sync says so.

import { ActionKind, ChatChannel, ClientMessages, EntityKind } from "../net/protocol";
import type { GameConnection } from "../net/connection";
import type { GameState } from "../game/gameState";
import { EquipmentSlotNames, ObjectKind, SkillNames } from "../world/content";
import type { RecipeInfo } from "../world/content";
import { xpToNextLevel } from "../world/xpTable";
import { byId, element } from "./dom";

export class Panels {
  private selectedSlot = -1;
  private selectedBankSlot = -1;
  private selectedShopLine = -1;

  constructor(
    private readonly state: GameState,
    private readonly connection: GameConnection,
  ) {
    byId("tabs").addEventListener("click", (event) => {
      const tab = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-tab]");
      if (tab?.dataset.tab) this.showTab(tab.dataset.tab);
    });
    byId<HTMLFormElement>("chat-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>("chat-input");
      this.sendChat(input.value);
      input.value = "";
      input.blur();
    });
    byId<HTMLFormElement>("friend-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>("friend-name");
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      const name = input.value.trim();
      if (name) this.connection.send(ClientMessages.social(submitter?.value === "ignore" ? 3 : 1, name));
      input.value = "";
    });
    byId("voice-request").addEventListener("click", () => this.connection.send(ClientMessages.requestVoiceToken()));
    byId("inventory-actions").addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
      if (button?.dataset.action && this.selectedSlot >= 0) this.inventoryAction(button.dataset.action, this.selectedSlot);
    });
    byId("shop-actions").addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-shop]");
      const action = button?.dataset.shop;
      if (action === "close") this.connection.send(ClientMessages.action(ActionKind.ShopClose));
      else if (action && this.selectedShopLine >= 0) {
        this.connection.send(ClientMessages.action(ActionKind.ShopBuy, { slot: this.selectedShopLine, quantity: action === "buy-5" ? 5 : 1 }));
      }
    });
    byId("make-actions").addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-make]");
      if (button?.dataset.make) {
        this.connection.send(ClientMessages.action(ActionKind.Make, { value: Number(button.dataset.make), target: Number(button.dataset.station ?? 0), quantity: 0 }));
      }
    });
    byId("bank-actions").addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-bank]");
      if (button?.dataset.bank) this.bankAction(button.dataset.bank);
    });
    state.onChange(() => this.render());
    this.render();
  }

  showTab(name: string): void {
    for (const tab of document.querySelectorAll<HTMLElement>("#tabs button[data-tab]")) {
      tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
    }
    for (const panel of document.querySelectorAll<HTMLElement>(".panel")) {
      panel.classList.toggle("hidden", panel.id !== `panel-${name}`);
    }
  }

  sendChat(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    const whisper = /^\/(?:w|whisper|m)\s+("[^"]+"|\S+)\s+(.+)$/i.exec(text);
    if (whisper) {
      const name = whisper[1]!.replace(/"/g, "");
      this.connection.send(ClientMessages.chat(ChatChannel.Private, name, whisper[2]!));
      this.state.say(`To ${name}: ${whisper[2]!}`, ChatChannel.Private);
      return;
    }
    this.connection.send(ClientMessages.chat(ChatChannel.Public, null, text));
  }

  /** A bank button: withdraw from the selected bank slot, deposit everything, or close. */
  bankAction(action: string): void {
    const stack = this.state.bank?.[this.selectedBankSlot];
    switch (action) {
      case "withdraw-1":
      case "withdraw-5":
      case "withdraw-all":
        if (stack && stack.item > 0) {
          const quantity = action === "withdraw-1" ? 1 : action === "withdraw-5" ? 5 : stack.quantity;
          this.connection.send(ClientMessages.action(ActionKind.BankWithdraw, { slot: this.selectedBankSlot, quantity }));
        }
        break;
      case "deposit-inventory":
        this.connection.send(ClientMessages.action(ActionKind.BankDepositAll));
        break;
      case "close":
        this.connection.send(ClientMessages.action(ActionKind.BankClose));
        break;
    }
  }

  inventoryAction(action: string, slot: number): void {
    if (action === "light") {
      this.connection.send(ClientMessages.action(ActionKind.Light, { slot }));
      return;
    }
    if (action === "cook") {
      const station = this.objectBeside([ObjectKind.Fire, ObjectKind.Range])?.id;
      if (station !== undefined) this.connection.send(ClientMessages.action(ActionKind.UseItemOnObject, { slot, target: station, quantity: 0 }));
      else this.state.say("Cook on a fire or a range: stand next to one.");
      return;
    }
    if (action === "sell-1" || action === "sell-all") {
      this.connection.send(ClientMessages.action(ActionKind.ShopSell, { slot, quantity: action === "sell-1" ? 1 : 0 }));
      return;
    }
    if (action === "deposit-1" || action === "deposit-all") {
      this.connection.send(ClientMessages.action(ActionKind.BankDeposit, { slot, quantity: action === "deposit-1" ? 1 : 0 }));
      return;
    }
    const kinds: Record<string, ActionKind> = { eat: ActionKind.Eat, equip: ActionKind.Equip, drop: ActionKind.Drop, bury: ActionKind.Bury };
    const kind = kinds[action];
    if (kind !== undefined) this.connection.send(ClientMessages.action(kind, { slot }));
  }

  /** The slot's main use: eat food, wear equipment. */
  primaryAction(slot: number): string | undefined {
    const stack = this.state.inventory[slot];
    const item = stack && stack.item > 0 ? this.state.content.item(stack.item) : undefined;
    if (!item) return undefined;
    if (item.heals > 0) return "eat";
    if (item.slot >= 0) return "equip";
    if (item.buryXpTenths > 0) return "bury";
    return undefined;
  }

  render(): void {
    this.renderInventory();
    this.renderEquipment();
    this.renderSkills();
    this.renderCombat();
    this.renderFriends();
    this.renderChat();
    byId("voice-status").textContent = this.state.content.world.voice ? `Voice: ${this.state.voice}` : "Voice is not configured on this server.";
    byId("run-toggle").setAttribute("aria-pressed", String(this.state.running));
    byId("run-toggle").textContent = this.state.running ? "Running (R)" : "Walking (R)";
    const me = this.state.me;
    const latency = this.state.latencyMs === null ? "" : ` · ping ${this.state.latencyMs} ms`;
    byId("hud-health").textContent = me ? `Health ${me.health} / ${me.maxHealth}${latency}` : "";
  }

  private renderInventory(): void {
    const grid = byId("inventory");
    const state = this.state;
    const slots = Array.from({ length: 28 }, (_, slot) => {
      const stack = state.inventory[slot];
      const filled = stack !== undefined && stack.item > 0 && stack.quantity > 0;
      const name = filled ? state.content.itemName(stack.item) : "";
      const button = element(
        "button",
        { className: `slot${slot === this.selectedSlot ? " selected" : ""}`, title: filled ? name : "Empty", data: { slot: String(slot) } },
        filled ? `${name}${stack.quantity > 1 ? ` ×${stack.quantity}` : ""}` : "",
      );
      button.disabled = !filled;
      button.addEventListener("click", () => {
        this.selectedSlot = slot;
        this.render();
      });
      button.addEventListener("dblclick", () => {
        const action = this.primaryAction(slot);
        if (action) this.inventoryAction(action, slot);
      });
      return button;
    });
    grid.replaceChildren(...slots);
    const actions = byId("inventory-actions");
    const primary = this.selectedSlot >= 0 ? this.primaryAction(this.selectedSlot) : undefined;
    const selected = state.inventory[this.selectedSlot];
    const hasItem = selected !== undefined && selected.item > 0;
    actions.replaceChildren(
      ...(hasItem
        ? [
            ...(primary ? [element("button", { textContent: primary === "eat" ? "Eat" : "Equip", data: { action: primary } })] : []),
            element("button", { textContent: "Drop", data: { action: "drop" } }),
            ...(state.content.item(selected.item)?.burnable ? [element("button", { textContent: "Light", data: { action: "light" } })] : []),
            ...(state.content.item(selected.item)?.cookable ? [element("button", { textContent: "Cook all", data: { action: "cook" } })] : []),
            ...(state.bank
              ? [element("button", { textContent: "Deposit 1", data: { action: "deposit-1" } }), element("button", { textContent: "Deposit all", data: { action: "deposit-all" } })]
              : []),
            ...(state.shop
              ? [element("button", { textContent: "Sell 1", data: { action: "sell-1" } }), element("button", { textContent: "Sell all", data: { action: "sell-all" } })]
              : []),
          ]
        : [element("span", { textContent: "Select an item." })]),
    );
    this.renderMaking(hasItem ? selected.item : 0);
    this.renderBank();
    this.renderShop();
  }

  /** "Make" buttons: what the furnace, anvil or rune altar beside the player makes, and what the selected item makes anywhere. */
  private renderMaking(selectedItem: number): void {
    const content = this.state.content;
    const offers: { recipe: RecipeInfo; station: number }[] = [];
    const station = this.objectBeside([ObjectKind.Furnace, ObjectKind.Anvil, ObjectKind.RuneAltar]);
    if (station) for (const recipe of content.recipesAt(station.type, station.tile)) offers.push({ recipe, station: station.id });
    if (selectedItem > 0) for (const recipe of content.recipesUsing(selectedItem)) offers.push({ recipe, station: 0 });
    byId("make-actions").replaceChildren(
      ...offers.map(({ recipe, station: at }) =>
        element("button", {
          textContent: `Make ${content.itemName(recipe.product)}${recipe.quantity > 1 ? ` ×${recipe.quantity}` : ""}`,
          title: `${recipe.skill} ${recipe.level}: ${recipe.inputs.map(([item, n]) => `${n} ${content.itemName(item)}`).join(", ")}; ${recipe.xpTenths / 10} XP`,
          data: { make: String(recipe.product), station: String(at) },
        }),
      ),
    );
  }

  /** An object of one of `types` beside the player (within 1 tile), if any. */
  private objectBeside(types: number[]): { id: number; type: number; tile: { x: number; z: number } } | undefined {
    const me = this.state.prediction.serverTile;
    if (!me) return undefined;
    for (const view of this.state.entities.values()) {
      const tile = view.tile;
      if (view.kind === EntityKind.Object && types.includes(view.type) && tile && Math.max(Math.abs(tile.x - me.x), Math.abs(tile.z - me.z)) <= 1) {
        return { id: view.id, type: view.type, tile };
      }
    }
    return undefined;
  }

  /** The open shop: each line with its stock and price, and buying the selected one. */
  private renderShop(): void {
    const shop = this.state.shop;
    const panel = byId("shop-panel");
    if (shop && panel.classList.contains("hidden")) this.showTab("inventory");
    panel.classList.toggle("hidden", shop === null);
    if (!shop) {
      this.selectedShopLine = -1;
      return;
    }
    byId("shop-title").textContent = this.state.content.world.shops?.[String(shop.id)] ?? "Shop";
    const buttons = shop.lines.map((line, index) => {
      const name = this.state.content.itemName(line.item);
      const button = element(
        "button",
        { className: `slot${index === this.selectedShopLine ? " selected" : ""}`, title: `${name}: ${line.price} coins, sells back for ${line.offer}`, data: { shopLine: String(index) } },
        `${name} ×${line.quantity} · ${line.price} gp`,
      );
      button.addEventListener("click", () => {
        this.selectedShopLine = index;
        this.render();
      });
      return button;
    });
    byId("shop").replaceChildren(...buttons);
    const selected = shop.lines[this.selectedShopLine];
    byId("shop-actions").replaceChildren(
      ...(selected
        ? [element("button", { textContent: "Buy 1", data: { shop: "buy-1" } }), element("button", { textContent: "Buy 5", data: { shop: "buy-5" } })]
        : []),
      element("button", { textContent: "Close", data: { shop: "close" } }),
    );
  }

  /** The open bank: its used slots in slot order, and what can be done with the selected one. */
  private renderBank(): void {
    const bank = this.state.bank;
    const panel = byId("bank-panel");
    if (bank && panel.classList.contains("hidden")) this.showTab("inventory");
    panel.classList.toggle("hidden", bank === null);
    byId("sidebar").classList.toggle("banking", bank !== null || this.state.shop !== null);
    if (!bank) {
      this.selectedBankSlot = -1;
      return;
    }
    const buttons = bank.flatMap((stack, slot) => {
      if (stack.item <= 0) return [];
      const name = this.state.content.itemName(stack.item);
      const button = element(
        "button",
        { className: `slot${slot === this.selectedBankSlot ? " selected" : ""}`, title: name, data: { bankSlot: String(slot) } },
        `${name}${stack.quantity > 1 ? ` ×${stack.quantity}` : ""}`,
      );
      button.addEventListener("click", () => {
        this.selectedBankSlot = slot;
        this.render();
      });
      return [button];
    });
    byId("bank").replaceChildren(...(buttons.length > 0 ? buttons : [element("span", { textContent: "The bank is empty." })]));
    const selected = bank[this.selectedBankSlot];
    byId("bank-actions").replaceChildren(
      ...(selected && selected.item > 0
        ? [
            element("button", { textContent: "Withdraw 1", data: { bank: "withdraw-1" } }),
            element("button", { textContent: "Withdraw 5", data: { bank: "withdraw-5" } }),
            element("button", { textContent: "Withdraw all", data: { bank: "withdraw-all" } }),
          ]
        : []),
      element("button", { textContent: "Deposit inventory", data: { bank: "deposit-inventory" } }),
      element("button", { textContent: "Close", data: { bank: "close" } }),
    );
  }

  private renderEquipment(): void {
    const list = byId("equipment");
    const rows = EquipmentSlotNames.map((slotName, slot) => {
      const stack = this.state.equipment[slot];
      const worn = stack !== undefined && stack.item > 0;
      const button = element("button", { className: "slot", title: worn ? `Remove ${this.state.content.itemName(stack.item)}` : `${slotName}: empty`, data: { slot: String(slot) } }, `${slotName}: ${worn ? this.state.content.itemName(stack.item) : "—"}`);
      button.disabled = !worn;
      button.addEventListener("click", () => this.connection.send(ClientMessages.action(ActionKind.Unequip, { slot })));
      return button;
    });
    list.replaceChildren(...rows);
  }

  private renderSkills(): void {
    const rows = SkillNames.map((name, i) => {
      const skill = this.state.skills[i];
      const level = skill?.level ?? 1;
      const xp = Math.floor((skill?.xpTenths ?? 0) / 10);
      return element(
        "tr",
        { data: { skill: name } },
        element("th", { textContent: name }),
        element("td", { textContent: String(level), className: "level" }),
        element("td", { textContent: xp.toLocaleString("en") }),
        element("td", { textContent: xpToNextLevel(level, xp).toLocaleString("en") }),
      );
    });
    byId("skills").replaceChildren(...rows);
  }

  private renderCombat(): void {
    const styles = this.state.combatStyles().map((style, value) => {
      const button = element("button", { textContent: style, className: this.state.attackStyle === value ? "selected" : "" });
      button.setAttribute("aria-pressed", String(this.state.attackStyle === value));
      button.addEventListener("click", () => {
        this.state.attackStyle = value;
        this.connection.send(ClientMessages.action(ActionKind.SetAttackStyle, { value }));
        this.render();
      });
      return button;
    });
    const retaliate = element("button", { textContent: `Auto retaliate: ${this.state.autoRetaliate ? "on" : "off"}` });
    retaliate.addEventListener("click", () => {
      this.state.autoRetaliate = !this.state.autoRetaliate;
      this.connection.send(ClientMessages.action(ActionKind.SetAutoRetaliate, { value: this.state.autoRetaliate ? 1 : 0 }));
      this.render();
    });
    const prayerLevel = this.state.skills[SkillNames.indexOf("Prayer")]?.level ?? 1;
    const points = element("p", { textContent: `Prayer ${this.state.prayerPoints} / ${prayerLevel}` });
    const prayers = this.state.content.world.prayers.map((prayer, id) => {
      const on = (this.state.activePrayers & (1 << id)) !== 0;
      const button = element("button", { textContent: `${prayer.name} (${prayer.level})`, className: on ? "selected" : "" });
      button.setAttribute("aria-pressed", String(on));
      button.disabled = prayer.level > prayerLevel;
      button.addEventListener("click", () => {
        this.connection.send(ClientMessages.action(ActionKind.TogglePrayer, { value: id, quantity: on ? 0 : 1 }));
      });
      return button;
    });
    const altar = this.state.altarInReach();
    const pray = element("button", { textContent: "Pray at the altar" });
    pray.hidden = !altar;
    pray.addEventListener("click", () => {
      if (altar) this.connection.send(ClientMessages.action(ActionKind.PrayAtAltar, { x: altar.x, z: altar.z }));
    });
    const magicLevel = this.state.skills[SkillNames.indexOf("Magic")]?.level ?? 1;
    const spells = (this.state.content.world.spells ?? []).flatMap((spell) => {
      const cast = element("button", {
        textContent: `${spell.name} (${spell.level})`,
        className: this.state.armedSpell === spell.id ? "selected" : "",
        title: `Max hit ${spell.maxHit}; ${spell.runes.map(([item, n]) => `${n} ${this.state.content.itemName(item)}`).join(", ")}. Then click an NPC.`,
      });
      cast.disabled = spell.level > magicLevel;
      cast.addEventListener("click", () => {
        this.state.armedSpell = this.state.armedSpell === spell.id ? 0 : spell.id;
        this.render();
      });
      const auto = element("button", { textContent: this.state.autocast === spell.id ? "Autocasting" : "Autocast", className: this.state.autocast === spell.id ? "selected" : "" });
      auto.disabled = spell.level > magicLevel;
      auto.addEventListener("click", () => {
        this.state.autocast = this.state.autocast === spell.id ? 0 : spell.id;
        this.connection.send(ClientMessages.action(ActionKind.SetAutocast, { value: this.state.autocast }));
        this.render();
      });
      return [cast, auto];
    });
    byId("combat").replaceChildren(...styles, retaliate, points, ...prayers, pray, ...spells);
  }

  private renderFriends(): void {
    const friends = [...this.state.friends.entries()].map(([name, online]) => {
      const whisper = element("button", { textContent: "Message", title: `Send ${name} a private message` });
      whisper.addEventListener("click", () => {
        const input = byId<HTMLInputElement>("chat-input");
        input.value = `/w ${name.includes(" ") ? `"${name}"` : name} `;
        input.focus();
      });
      const remove = element("button", { textContent: "Remove" });
      remove.addEventListener("click", () => this.connection.send(ClientMessages.social(2, name)));
      return element("li", { className: online ? "online" : "offline", data: { name } }, element("span", { textContent: `${name} — ${online ? "online" : "offline"}` }), whisper, remove);
    });
    const ignores = [...this.state.ignores].map((name) => {
      const remove = element("button", { textContent: "Unignore" });
      remove.addEventListener("click", () => this.connection.send(ClientMessages.social(4, name)));
      return element("li", {}, element("span", { textContent: name }), remove);
    });
    byId("friends").replaceChildren(...friends);
    byId("ignores").replaceChildren(...ignores);
  }

  private renderChat(): void {
    const log = byId("chat-log");
    const lines = this.state.chat.slice(-60).map((line) =>
      element(
        "li",
        { className: `chat-${typeof line.channel === "number" ? ["public", "private", "system"][line.channel] : "game"}` },
        line.from ? `${line.from}: ${line.text}` : line.text,
      ),
    );
    log.replaceChildren(...lines);
    log.scrollTop = log.scrollHeight;
  }
}
