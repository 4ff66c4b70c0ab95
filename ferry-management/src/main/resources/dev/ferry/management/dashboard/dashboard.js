// Ferry's dashboard: polls /status and /history of the endpoint that served it and draws them.
// Plain browser JavaScript with no build step, so what ships in the jar is what runs.
"use strict";

(() => {
  const POLL_MS = 3000;
  const SPARK_SAMPLES = 60;          // ten minutes of the agent's 10 s samples
  const TOKEN_KEY = "ferry.token";

  const GOOD = new Set(["UP"]);
  const IDLE = new Set(["STARTING", "STOPPED", "UNKNOWN"]);
  const SYMBOL = { UP: "✓", DEGRADED: "⚠", QUARANTINED: "⚠", DOWN: "✕", STOPPED: "■", STARTING: "…", UNKNOWN: "?" };

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // --- talking to the agent -------------------------------------------------------------------------------

  class Unauthorised extends Error {}

  async function getJson(path) {
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(path, { headers, cache: "no-store" });
    if (response.status === 401 || response.status === 403) throw new Unauthorised();
    if (!response.ok) throw new Error(path + " answered " + response.status);
    return response.json();
  }

  // --- history: the agent's samples, kept here column by column and topped up with the newer ones -----------

  const history = { time: [], series: new Map(), units: new Map(), capacity: 360, interval: 10 };

  function seriesOf(body) {
    const found = new Map();
    for (const [field, points] of Object.entries(body.log)) found.set(JSON.stringify(["log", "", field]), points);
    for (const [sink, fields] of Object.entries(body.sinks)) {
      for (const [field, points] of Object.entries(fields)) found.set(JSON.stringify(["sink", sink, field]), points);
    }
    for (const [source, fields] of Object.entries(body.sources)) {
      for (const [field, points] of Object.entries(fields)) {
        if (field !== "values") found.set(JSON.stringify(["source", source, field]), points);
      }
      for (const [metric, series] of Object.entries(fields.values || {})) {
        const key = JSON.stringify(["value", source, metric]);
        found.set(key, series.points);
        history.units.set(key, series.unit);
      }
    }
    return found;
  }

  function mergeHistory(body) {
    history.capacity = body.capacity;
    history.interval = body.interval_seconds;
    const added = body.time.length;
    const incoming = seriesOf(body);
    const before = history.time.length;
    for (const [key, points] of incoming) {
      if (!history.series.has(key)) history.series.set(key, new Array(before).fill(null));
      history.series.get(key).push(...points);
    }
    for (const [key, points] of history.series) {
      if (!incoming.has(key)) points.push(...new Array(added).fill(null));
    }
    history.time.push(...body.time);
    const excess = history.time.length - history.capacity;
    if (excess > 0) {
      history.time.splice(0, excess);
      for (const points of history.series.values()) points.splice(0, excess);
    }
    for (const [key, points] of [...history.series]) {
      if (points.every((p) => p === null)) history.series.delete(key);
    }
  }

  const series = (kind, component, field) => history.series.get(JSON.stringify([kind, component, field]));
  const lastTime = () => history.time[history.time.length - 1];

  // --- formatting -------------------------------------------------------------------------------------------

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    if (seconds < 1) return "0 s";
    if (seconds < 90) return Math.round(seconds) + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + " h";
    return (seconds / 86400).toFixed(1) + " d";
  }

  function number(value) {
    if (typeof value !== "number") return String(value);
    if (Number.isInteger(value)) return value.toLocaleString("en");
    return value.toLocaleString("en", { maximumSignificantDigits: 4 });
  }

  const stateClass = (state) => (GOOD.has(state) ? "up" : IDLE.has(state) ? "idle" : state === "DEGRADED" ? "degraded" : "down");

  function badge(state) {
    const b = el("span", "state " + stateClass(state), (SYMBOL[state] || "?") + " " + state);
    b.dataset.state = state;
    return b;
  }

  // --- charts -----------------------------------------------------------------------------------------------

  const charts = new Map();   // element id → uPlot

  function drawChart(id, target, options, data) {
    let chart = charts.get(id);
    if (chart && chart.series.length !== options.series.length) {
      chart.destroy();
      chart = undefined;
    }
    if (!chart) {
      chart = new uPlot(options, data, target);
      charts.set(id, chart);
    } else {
      chart.setData(data);
    }
    target.dataset.samples = String(data[0].length);
    target.dataset.lastTime = String(data[0][data[0].length - 1] ?? "");
  }

  function sparkOptions(width) {
    return {
      width, height: 34, pxAlign: false, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: true } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: "#2f6fab", width: 1.5, fill: "rgba(47,111,171,0.12)", points: { show: false } }],
    };
  }

  function drawLogChart() {
    const target = $("log-chart");
    const sinks = [...history.series.keys()].map(JSON.parse)
      .filter(([kind, , field]) => kind === "sink" && field === "oldest_unsent_age_seconds").map(([, sink]) => sink);
    const palette = ["#b42318", "#9a5b00", "#6b3fa0", "#0f766e", "#a21caf"];
    const options = {
      width: Math.max(320, target.clientWidth - 16), height: 240,
      scales: { x: { time: true }, readings: {}, seconds: {} },
      axes: [
        {},
        { scale: "readings", label: "readings held", size: 70 },
        { scale: "seconds", side: 1, label: "oldest unsent (s)", grid: { show: false }, size: 60 },
      ],
      series: [
        {},
        { label: "readings held in the log", scale: "readings", stroke: "#2f6fab", width: 2, fill: "rgba(47,111,171,0.10)" },
        ...sinks.map((sink, i) => ({ label: "oldest unsent, " + sink, scale: "seconds", stroke: palette[i % palette.length],
          width: 2, dash: [6, 4], value: (u, v) => duration(v) })),
      ],
    };
    const data = [history.time, series("log", "", "readings") || [],
      ...sinks.map((sink) => series("sink", sink, "oldest_unsent_age_seconds"))];
    drawChart("log-chart", target, options, data);
  }

  // --- sources ----------------------------------------------------------------------------------------------

  function sourceCard(name) {
    let card = document.querySelector(`#sources [data-source="${CSS.escape(name)}"]`);
    if (!card) {
      card = el("article", "card");
      card.dataset.source = name;
      const title = el("h3");
      title.append(el("span", "name", name), el("span", "badge"));
      card.append(title, el("p", "reason"), el("p", "meta"), el("table", "metrics"));
      $("sources").append(card);
    }
    return card;
  }

  function readingsPerSecond(source) {
    const readings = series("source", source, "readings");
    if (!readings || readings.length < 2) return null;
    const n = readings.length;
    const [a, b] = [readings[n - 2], readings[n - 1]];
    const seconds = history.time[n - 1] - history.time[n - 2];
    return a === null || b === null || seconds <= 0 ? null : Math.max(0, (b - a) / seconds);
  }

  function drawSource(name, status, latest) {
    const card = sourceCard(name);
    const cls = stateClass(status.state);
    card.className = "card " + cls;
    card.dataset.state = status.state;
    card.querySelector(".badge").replaceChildren(badge(status.state));
    const reason = card.querySelector(".reason");
    reason.textContent = status.state === "UP" ? "" : status.reason || "";
    reason.hidden = reason.textContent === "";
    const rate = readingsPerSecond(name);
    card.querySelector(".meta").textContent = number(status.readings) + " readings"
      + (rate === null ? "" : ` · ${number(Math.round(rate * 10) / 10)}/s`)
      + (status.last_reading_time ? " · last " + new Date(status.last_reading_time).toLocaleTimeString("en-GB") : "");

    const table = card.querySelector(".metrics");
    const newest = new Map();
    for (const reading of latest || []) newest.set(reading.metric, reading);
    if (newest.size === 0) {
      table.replaceChildren(el("caption", "empty", "no readings yet"));
      return;
    }
    for (const [metric, reading] of newest) {
      let row = table.querySelector(`tr[data-metric="${CSS.escape(metric)}"]`);
      if (!row) {
        row = el("tr");
        row.dataset.metric = metric;
        row.append(el("td", "metric", metric), el("td", "value"), el("td", "spark"));
        table.querySelector("caption")?.remove();
        table.append(row);
      }
      row.querySelector(".value").textContent = number(reading.value) + (reading.unit ? " " + reading.unit : "");
      const points = series("value", name, metric);
      if (points) {
        const from = Math.max(0, points.length - SPARK_SAMPLES);
        const spark = row.querySelector(".spark");
        drawChart("spark " + name + " " + metric, spark, sparkOptions(130),
          [history.time.slice(from), points.slice(from)]);
      }
    }
  }

  // --- sinks ------------------------------------------------------------------------------------------------

  function drawSinks(sinks) {
    const body = $("sinks").querySelector("tbody");
    for (const [name, sink] of Object.entries(sinks)) {
      let row = body.querySelector(`tr[data-sink="${CSS.escape(name)}"]`);
      if (!row) {
        row = el("tr");
        row.dataset.sink = name;
        for (let i = 0; i < 6; i++) row.append(el("td"));
        body.append(row);
      }
      row.className = stateClass(sink.state);
      row.dataset.state = sink.state;
      const cells = row.children;
      cells[0].textContent = name;
      const state = [badge(sink.state)];
      if (sink.state !== "UP" && sink.reason) state.push(el("div", "reason", sink.reason));
      cells[1].replaceChildren(...state);
      cells[2].textContent = sink.acknowledged_per_second === null ? "—" : number(Math.round(sink.acknowledged_per_second * 10) / 10);
      cells[3].textContent = number(sink.lag_readings) + " readings";
      cells[4].textContent = sink.lag_readings === 0 ? "nothing waiting" : duration(sink.oldest_unsent_age_seconds);
      cells[5].textContent = duration(sink.drain_estimate_seconds);
    }
    for (const row of [...body.children]) if (!(row.dataset.sink in sinks)) row.remove();
  }

  // --- the whole picture ------------------------------------------------------------------------------------

  function drawOverall(status) {
    const troubled = [];
    for (const [kind, group] of [["source", status.sources], ["sink", status.sinks]]) {
      for (const [name, c] of Object.entries(group)) {
        if (!GOOD.has(c.state) && !IDLE.has(c.state)) troubled.push({ what: kind + " " + name, ...c });
      }
    }
    if (status.log.append_problem) troubled.unshift({ what: "the log", state: "DOWN", reason: status.log.append_problem });
    const banner = $("overall");
    const total = Object.keys(status.sources).length + Object.keys(status.sinks).length;
    if (troubled.length === 0) {
      banner.className = "banner up";
      banner.textContent = `✓ All is well: ${total} components, ${status.ready ? "ready" : "starting"}.`;
      document.title = "Ferry " + status.agent.id;
      return;
    }
    const worst = troubled.some((c) => c.state !== "DEGRADED") ? "down" : "degraded";
    banner.className = "banner " + worst;
    banner.replaceChildren(`${worst === "down" ? "✕" : "⚠"} ${troubled.length} of ${total} components need attention:`);
    const list = el("ul");
    for (const c of troubled) list.append(el("li", null, `${c.what} is ${c.state}${c.reason ? ": " + c.reason : ""}`));
    banner.append(list);
    document.title = `${worst === "down" ? "✕" : "⚠"} ${troubled.length} ${worst.toUpperCase()} — Ferry ${status.agent.id}`;
  }

  function drawAgent(status) {
    $("agent-id").textContent = status.agent.id;
    $("agent-version").textContent = status.agent.version;
    $("agent-uptime").textContent = duration(status.agent.uptime_seconds);
    const sha = status.agent.config.sha256;
    $("agent-config").textContent = status.agent.config.file + (sha ? " · " + sha.slice(0, 12) : "");
    $("agent-config").title = sha;
    const log = status.log;
    $("log-facts").textContent = `${number(log.readings)} readings held in ${log.segments} segment(s), oldest `
      + `${duration(log.oldest_age_seconds)} old; ${number(log.appended)} appended since start.`;
  }

  function drawUnreachable(error) {
    const banner = $("overall");
    banner.className = "banner down";
    banner.textContent = `✕ Cannot reach the agent (${error.message}); the figures below are from `
      + `${$("updated").textContent}. Retrying…`;
    document.title = "✕ UNREACHABLE — Ferry";
  }

  let latest = {};
  let refreshing = false;

  async function refresh() {
    if (refreshing) return;    // a slow agent must not get the same samples merged twice
    refreshing = true;
    try {
      const after = lastTime();
      const [status, newer] = await Promise.all([getJson("/status"),
        getJson(after === undefined ? "/history" : "/history?after=" + after)]);
      mergeHistory(newer);
      latest = newer.latest;
      drawAgent(status);
      drawOverall(status);
      for (const [name, source] of Object.entries(status.sources)) drawSource(name, source, latest[name]);
      for (const card of [...$("sources").children]) if (!(card.dataset.source in status.sources)) card.remove();
      drawSinks(status.sinks);
      drawLogChart();
      $("updated").textContent = new Date().toLocaleTimeString("en-GB");
      $("token-form").hidden = true;
    } catch (error) {
      if (error instanceof Unauthorised) {
        $("token-form").hidden = false;
        $("overall").className = "banner degraded";
        $("overall").textContent = "⚠ A token is needed to see this agent.";
      } else {
        drawUnreachable(error);
      }
    } finally {
      refreshing = false;
    }
  }

  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    refresh();
  });

  refresh();
  setInterval(refresh, POLL_MS);
})();
