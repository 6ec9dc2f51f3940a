// Refusals and errors in words a player reads; the numbers are docs/PROTOCOL.md's.

const rejectionTexts: Record<number, string> = {
  1: "The server does not know that action.",
  2: "That player is not in the world.",
  3: "You are dead.",
  4: "That slot does not exist.",
  5: "That slot is empty.",
  6: "That is not a valid quantity.",
  7: "That item does not exist.",
  8: "You cannot wear that.",
  9: "You cannot eat that.",
  10: "Your inventory is full.",
  11: "You cannot carry that many.",
  12: "That is no longer there.",
  13: "That is too far away.",
  14: "You cannot walk there.",
  15: "You cannot reach that.",
  16: "That item is not yours yet.",
  17: "You cannot do that to them.",
  18: "You are not trading.",
  19: "You are busy.",
  20: "The trade is locked.",
  21: "That value is not allowed.",
  22: "Slow down: too many actions.",
  23: "Not so fast: wait a moment.",
  24: "Your level is too low for that.",
  25: "You have run out of prayer points: pray at an altar.",
  26: "You cannot bury that.",
  27: "There is no altar there.",
  28: "You need a tool for that you can use.",
  29: "There is nothing left there for now.",
  30: "You have run out of what that needs (bait, feathers).",
  31: "You are under attack.",
  32: "You have no bank open here.",
  33: "Your bank is full.",
  34: "You have no shop open.",
  35: "You do not have enough coins.",
  36: "The shop has none left.",
  37: "This shop will not buy that.",
  38: "That cannot be made into anything here.",
  39: "You cannot light a fire here.",
  40: "You have no ammunition in your quiver.",
  41: "You do not have enough runes to cast that spell.",
  42: "You need to wield a staff to autocast.",
  43: "You can't use that ammo with your bow.",
  44: "That is in another zone: you can only look at it from here.",
};

const actionNames: Record<number, string> = {
  1: "walk",
  2: "run",
  3: "attack",
  4: "pick up",
  5: "drop",
  6: "equip",
  7: "unequip",
  8: "eat",
  9: "trade",
  10: "offer",
  11: "accept",
  12: "decline",
  13: "emote",
  14: "set your attack style",
  15: "set auto retaliate",
  16: "pray",
  17: "bury",
  18: "pray at the altar",
  19: "do that",
  20: "deposit",
  21: "withdraw",
  22: "deposit everything",
  23: "close the bank",
  24: "buy",
  25: "sell",
  26: "close the shop",
  27: "light that",
  28: "cook that",
  29: "make that",
  30: "cast that spell",
  31: "autocast that spell",
  32: "loot the gravestone",
};

/** The sentence shown when the server refuses an action. */
export function rejectionText(action: number, reason: number): string {
  const why = rejectionTexts[reason] ?? `Refused (reason ${reason}).`;
  const what = actionNames[action];
  return what ? `Cannot ${what}: ${why}` : why;
}

const errorTitles: Record<number, string> = {
  11: "Unsupported protocol version",
  12: "Not now",
  13: "Access token refused",
  14: "Slow down",
  15: "Server error",
  16: "Session expired",
};

/** The line shown for an Error message: the server's own text, with a title for the codes a player meets. */
export function errorText(code: number, message: string): string {
  const title = errorTitles[code];
  return title && title !== message ? `${title}: ${message}` : message;
}

/** What a close status means to the player, or null for a drop worth reconnecting after. */
export function closeText(code: number): string | null {
  switch (code) {
    case 1000:
      return "The session ended.";
    case 1001:
      return "The server is shutting down; your character was saved.";
    case 1002:
      return "This server speaks another protocol version.";
    case 1008:
      return "The server closed the connection (policy).";
    case 1009:
      return "A message was too large.";
    case 1011:
      return "The server had an error with your character; it was saved. Log in again.";
    case 4000:
      return "You logged in from another window or device.";
    case 4001:
      return "The server shut down before your character could be saved.";
    case 4002:
      return "Your character is playing in another zone.";
    case 4003:
      return "Your character continues in another zone, which is not running now; log in again later.";
    default:
      return null;
  }
}
