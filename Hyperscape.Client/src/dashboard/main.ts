// The live dashboard: polls /stats once a second and plots the last ten minutes.

import uPlot from "uplot";
import { StatsSeries, type SeriesName, type StatsSnapshot } from "./statsSeries";

interface ChartSpec {
  title: string;
  unit: string;
  series: Array<{ name: SeriesName; label: string; colour: string }>;
}

const charts: ChartSpec[] = [
  {
    title: "Tick time (budget 600 ms)",
    unit: "ms",
    series: [
      { name: "tickP50", label: "p50", colour: "#6fb3ff" },
      { name: "tickP99", label: "p99", colour: "#ff7a6f" },
    ],
  },
  {
    title: "Sync frame time (budget 50 ms)",
    unit: "ms",
    series: [
      { name: "frameP50", label: "p50", colour: "#6fb3ff" },
      { name: "frameP99", label: "p99", colour: "#ff7a6f" },
    ],
  },
  {
    title: "Players",
    unit: "",
    series: [
      { name: "online", label: "in the world", colour: "#7bd88f" },
      { name: "connections", label: "connections", colour: "#e0b84f" },
    ],
  },
  {
    title: "Traffic",
    unit: "B/s",
    series: [
      { name: "bytesInPerSecond", label: "in", colour: "#7bd88f" },
      { name: "bytesOutPerSecond", label: "out", colour: "#6fb3ff" },
    ],
  },
  {
    title: "Saves, rejections and drops",
    unit: "",
    series: [
      { name: "pendingSaves", label: "saves pending", colour: "#e0b84f" },
      { name: "rejectedPerSecond", label: "rejected /s", colour: "#ff7a6f" },
      { name: "droppedPerSecond", label: "dropped /s", colour: "#c9a0ff" },
    ],
  },
  {
    title: "Memory",
    unit: "MiB",
    series: [
      { name: "workingSetMiB", label: "working set", colour: "#6fb3ff" },
      { name: "managedMiB", label: "managed heap", colour: "#7bd88f" },
    ],
  },
];

const series = new StatsSeries();
const container = document.getElementById("charts")!;
const plots = charts.map((spec) => {
  const box = document.createElement("div");
  box.className = "chart";
  box.dataset.chart = spec.title;
  const heading = document.createElement("h2");
  heading.textContent = spec.title;
  box.append(heading);
  container.append(box);
  const plot = new uPlot(
    {
      width: 540,
      height: 220,
      scales: { x: { time: true } },
      axes: [
        { stroke: "#cfc6b0", grid: { stroke: "#2e2820" } },
        { stroke: "#cfc6b0", grid: { stroke: "#2e2820" }, label: spec.unit, size: 60 },
      ],
      series: [{}, ...spec.series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, spanGaps: true }))],
    },
    [[], ...spec.series.map(() => [])],
    box,
  );
  return { spec, plot };
});

function summary(stats: StatsSnapshot): void {
  const items: Array<[string, string]> = [
    ["tick", String(stats.tick)],
    ["online", String(stats.online)],
    ["entities", String(stats.entities)],
    ["tick p99", `${stats.tickP99Ms.toFixed(1)} ms`],
    ["frame p99", `${stats.frameP99Ms.toFixed(1)} ms`],
    ["GC pause p99", `${(stats.gcPauseP99Ms ?? 0).toFixed(1)} ms`],
    ["saves pending", String(stats.pendingSaves)],
    ["memory", `${(stats.workingSetBytes / 1048576).toFixed(0)} MiB`],
  ];
  document.getElementById("summary")!.replaceChildren(
    ...items.map(([label, value]) => {
      const span = document.createElement("span");
      span.dataset.stat = label;
      span.append(`${label} `);
      const b = document.createElement("b");
      b.textContent = value;
      span.append(b);
      return span;
    }),
  );
}

async function poll(): Promise<void> {
  const status = document.getElementById("status")!;
  try {
    const response = await fetch("/stats?window=60", { cache: "no-store" });
    if (!response.ok) throw new Error(`/stats answered ${response.status}`);
    const stats = (await response.json()) as StatsSnapshot;
    series.add(Date.now() / 1000, stats);
    for (const { spec, plot } of plots) {
      plot.setData([series.times, ...spec.series.map((s) => series.values[s.name])] as uPlot.AlignedData);
    }
    summary(stats);
    status.textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.textContent = `no answer from the server (${error instanceof Error ? error.message : String(error)}); retrying`;
  }
}

void poll();
setInterval(() => void poll(), 1000);
