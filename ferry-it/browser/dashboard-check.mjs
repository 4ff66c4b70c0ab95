// Looks at a running agent's dashboard in headless Chromium, as an operator would, in two steps:
//   1. every source named on the command line has its card, and the log chart, drawn from live data, changes
//      between two looks; then it prints "LOOKED" and waits for a line on stdin (the test stops a device meanwhile);
//   2. the stopped device's source turns DEGRADED or DOWN, in its card and in the banner at the top; then it
//      saves a screenshot.
// Exits 0 when all of that held, 1 with the reason on stderr when not.
//
// usage: node dashboard-check.mjs <dashboard url> <source,source,...> <source whose device stops> <screenshot.png>

import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const [url, sourceList, stopped, screenshot] = process.argv.slice(2);
const sources = sourceList.split(",");
const TIMEOUT = 90_000;   // the agent samples its history every 10 s; two new samples must fit comfortably

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));

  await page.goto(url);
  for (const source of sources) {
    await page.waitForSelector(`#sources [data-source="${source}"][data-state="UP"] .metrics tr[data-metric]`);
  }
  await page.waitForSelector(`#sinks tr[data-sink]`);

  // A chart drawn from live data: once it has two samples, wait for a third and compare the pixels.
  const look = () => page.evaluate(() => {
    const chart = document.getElementById("log-chart");
    return { samples: Number(chart.dataset.samples), lastTime: chart.dataset.lastTime,
      pixels: chart.querySelector("canvas").toDataURL() };
  });
  await page.waitForFunction(() => Number(document.getElementById("log-chart").dataset.samples) >= 2);
  const first = await look();
  await page.waitForFunction((seen) => document.getElementById("log-chart").dataset.lastTime !== seen, first.lastTime);
  const second = await look();
  check(second.samples > first.samples, `the log chart did not grow: ${first.samples} then ${second.samples} samples`);
  check(second.pixels !== first.pixels, "the log chart looked the same before and after a new sample");
  const sparkline = await page.$(`#sources [data-source="${sources[0]}"] .spark canvas`);
  check(sparkline !== null, `no sparkline drawn for source ${sources[0]}`);

  console.log("LOOKED");
  const next = await lines.next();
  check(!next.done && next.value.trim() === "STOPPED", "expected STOPPED on stdin, got " + JSON.stringify(next.value));

  const card = `#sources [data-source="${stopped}"]`;
  await page.waitForSelector(`${card}[data-state="DEGRADED"], ${card}[data-state="DOWN"]`);
  const state = await page.$eval(card, (c) => c.dataset.state);
  const badge = await page.$eval(`${card} .state`, (b) => b.textContent);
  check(badge.includes(state), `the card's badge says "${badge}", not ${state}`);
  const reason = await page.$eval(`${card} .reason`, (r) => r.textContent);
  check(reason.trim().length > 0, "the degraded card gives no reason");
  await page.waitForFunction((name) => document.getElementById("overall").textContent.includes("source " + name), stopped);
  const banner = await page.$eval("#overall", (b) => ({ text: b.textContent, cls: b.className }));
  check(/degraded|down/.test(banner.cls) && banner.text.includes(state), "the banner does not say: " + banner.text);

  await page.screenshot({ path: screenshot, fullPage: true });
  check(pageErrors.length === 0, "errors in the page: " + pageErrors.join("; "));
  console.log(`OK: ${sources.length} sources, chart ${first.samples}→${second.samples} samples, ${stopped} ${state}: ${reason}`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
process.exit();
