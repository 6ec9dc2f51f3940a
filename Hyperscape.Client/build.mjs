// Type-checks and bundles the client into dist/: the host embeds dist/ and serves it.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import * as esbuild from "esbuild";

const root = import.meta.dirname;
const dist = join(root, "dist");

// The page (DOM types only) and its tests (with Node's) are checked as two projects.
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
for (const project of [root, join(root, "test")]) {
  execFileSync(process.execPath, [tsc, "--noEmit", "-p", project], { stdio: "inherit" });
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "assets"), { recursive: true });
await esbuild.build({
  entryPoints: { game: join(root, "src", "main.ts"), dashboard: join(root, "src", "dashboard", "main.ts") },
  outdir: join(dist, "assets"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
for (const file of ["index.html", "dashboard.html", "style.css"]) {
  copyFileSync(join(root, "src", file), join(dist, file === "style.css" ? "assets/style.css" : file));
}
copyFileSync(join(root, "node_modules", "uplot", "dist", "uPlot.min.css"), join(dist, "assets", "uplot.css"));

for (const file of readdirSync(join(dist, "assets"))) {
  const path = join(dist, "assets", file);
  const bytes = readFileSync(path);
  console.log(`client: assets/${file} ${statSync(path).size} B, ${gzipSync(bytes, { level: 9 }).length} B gzipped`);
}
