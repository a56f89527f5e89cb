// Benchmark: how quickly Chromium shows, sorts and filters an HTML placement report.
// Not a test: run it by hand, with Debian's chromium on PATH and Node 20 or newer.
//
//   node --experimental-websocket scripts/report-in-browser.mjs report.html
//
// It opens the report in headless Chromium over the DevTools protocol and prints, in
// milliseconds: first contentful paint, the load event (the whole page parsed), a sort by
// the Fit column, a filter that matches a few rows (with the filter's 150 ms pause), and
// opening the last workload's page.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { resolve } from "node:path";

const page = resolve(process.argv[2]);
const port = 9333;
const profile = mkdtempSync("/tmp/realtor-report-");
const browser = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu",
  `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "--window-size=1280,900",
  "about:blank"], { stdio: "ignore" });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

let targets;
for (;;) {
  try {
    targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
    break;
  } catch {
    await sleep(200);
  }
}
const socket = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
await new Promise((open) => socket.addEventListener("open", open));
let next = 0;
const replies = new Map();
const listeners = [];
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (replies.has(message.id)) {
    replies.get(message.id)(message.result);
    replies.delete(message.id);
  } else {
    listeners.forEach((listen) => listen(message));
  }
});
const send = (method, params = {}) => new Promise((reply) => {
  next += 1;
  replies.set(next, reply);
  socket.send(JSON.stringify({ id: next, method, params }));
});
const evaluate = async (expression) =>
  (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })).result.value;
// Runs `action` in the page and waits for the frame after it.
const timed = (action) => evaluate(`(async () => {
  const start = performance.now();
  ${action};
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  return Math.round(performance.now() - start);
})()`);

const loaded = new Promise((done) => listeners.push((m) => m.method === "Page.loadEventFired" && done()));
await send("Page.enable");
await send("Page.navigate", { url: `file://${page}` });
await loaded;
const timings = await evaluate(`(() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return { firstContentfulPaint: Math.round(paint ? paint.startTime : -1),
           load: Math.round(navigation.loadEventEnd),
           elements: document.getElementsByTagName("*").length,
           rows: document.querySelectorAll("#workloads tbody tr").length };
})()`);
timings.sort = await timed(`document.querySelector('th[data-column="5"]').click()`);
timings.filter = await timed(`const filter = document.getElementById("filter");
  filter.value = document.querySelector("#workloads tbody tr td").textContent;
  filter.dispatchEvent(new Event("input"));
  await new Promise((done) => setTimeout(done, 150))`);
timings.shownAfterFilter = await evaluate(
  `[...document.querySelectorAll("#workloads tbody tr")].filter((row) => !row.hidden).length`);
timings.openLastPage = await timed(`location.hash = "#w" + (${timings.rows} - 1)`);
console.log(JSON.stringify(timings));
const exited = new Promise((done) => browser.on("exit", done));
browser.kill();
await exited;
rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
process.exit(0);
