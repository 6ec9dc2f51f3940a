// Which tiles can be walked on, with the server's step rule (TileMap.CanStep): a diagonal needs
// both tiles it cuts past to be walkable, so nobody cuts a wall's corner.

export interface Tile {
  x: number;
  z: number;
}

export class TileMap {
  private readonly blocked: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    blocked?: Uint8Array,
  ) {
    this.blocked = blocked ?? new Uint8Array(Math.ceil((width * height) / 8));
  }

  /** Reads /api/world's base64 bitmap: bit z × width + x, least significant first. */
  static fromBase64(width: number, height: number, base64: string): TileMap {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new TileMap(width, height, bytes);
  }

  contains(x: number, z: number): boolean {
    return x >= 0 && z >= 0 && x < this.width && z < this.height;
  }

  isWalkable(x: number, z: number): boolean {
    if (!this.contains(x, z)) return false;
    const index = z * this.width + x;
    return ((this.blocked[index >> 3] ?? 0) & (1 << (index & 7))) === 0;
  }

  setBlocked(x: number, z: number, blocked = true): void {
    const index = z * this.width + x;
    const byte = index >> 3;
    const bit = 1 << (index & 7);
    this.blocked[byte] = blocked ? (this.blocked[byte] ?? 0) | bit : (this.blocked[byte] ?? 0) & ~bit;
  }

  canStep(x: number, z: number, dx: number, dz: number): boolean {
    if (!this.isWalkable(x + dx, z + dz)) return false;
    return dx === 0 || dz === 0 || (this.isWalkable(x + dx, z) && this.isWalkable(x, z + dz));
  }
}
