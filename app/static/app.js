// The chat page: asks POST /chat/stream, shows progress as it streams, renders the answer's modules,
// and keeps the thread id so follow-ups continue the conversation.
import { applyStrings, language, t, toggleLanguage } from "./i18n.js";
import { renderModules } from "./render.js";

const state = { threadId: sessionStorage.getItem("planexec.thread") || null, busy: false };
const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem("planexec.token"); }

function headers(extra = {}) {
  const h = { ...extra };
  if (token()) h.Authorization = `Bearer ${token()}`;
  return h;
}

async function authorized(url, options = {}) {
  let reply = await fetch(url, { ...options, headers: headers(options.headers) });
  if (reply.status === 401 || reply.status === 403) {
    const given = window.prompt(t("token"));
    if (!given) return reply;
    sessionStorage.setItem("planexec.token", given.trim());
    reply = await fetch(url, { ...options, headers: headers(options.headers) });
  }
  return reply;
}

async function fetchJson(url) {
  const reply = await authorized(url);
  if (!reply.ok) throw new Error(`${reply.status} ${url}`);
  return reply.json();
}

function setThread(id) {
  state.threadId = id;
  if (id) sessionStorage.setItem("planexec.thread", id); else sessionStorage.removeItem("planexec.thread");
  $("thread").textContent = id ? `${t("thread")} ${id.slice(0, 8)}` : "";
}

async function* sseEvents(reply) {
  const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll("\r\n", "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = frame.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim());
      if (data.length) yield JSON.parse(data.join("\n"));
    }
  }
}

function bubble(cls, text) {
  const node = document.createElement("div");
  node.className = cls;
  if (text) node.textContent = text;
  $("log").append(node);
  node.scrollIntoView({ block: "end" });
  return node;
}

async function ask(query) {
  bubble("user", query);
  const answer = bubble("answer");
  answer.dataset.state = "running";
  const progress = document.createElement("ul");
  progress.className = "progress";
  progress.append(Object.assign(document.createElement("li"), { textContent: t("working") }));
  answer.append(progress);
  const body = { query, target_language: language() };
  if (state.threadId) body.thread_id = state.threadId;
  try {
    const reply = await authorized("/chat/stream", {
      method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" },
    });
    if (!reply.ok) {
      const problem = await reply.json().catch(() => ({}));
      throw new Error(problem.error?.message || `${reply.status}`);
    }
    for await (const event of sseEvents(reply)) {
      if (event.thread_id) setThread(event.thread_id);
      if (event.type === "thinking") {
        progress.append(Object.assign(document.createElement("li"), { textContent: event.message }));
        answer.scrollIntoView({ block: "end" });
      } else if (event.type === "complete") {
        progress.classList.add("done");
        if (event.response.metadata?.thread_id) setThread(event.response.metadata.thread_id);
        await renderModules(answer, event.response.modules, fetchJson);
        answer.dataset.state = event.response.error ? "failed" : "done";
      } else if (event.type === "error") {
        throw new Error(event.message);
      }
    }
  } catch (err) {
    progress.classList.add("done");
    answer.classList.add("failed");
    answer.append(Object.assign(document.createElement("p"), { textContent: `${t("failed")}: ${err.message}` }));
    answer.dataset.state = "failed";
  }
  answer.scrollIntoView({ block: "end" });
}

function init() {
  applyStrings();
  setThread(state.threadId);
  $("lang").addEventListener("click", toggleLanguage);
  $("new").addEventListener("click", () => { setThread(null); $("log").replaceChildren(); });
  $("ask").addEventListener("submit", async (e) => {
    e.preventDefault();
    const query = $("query").value.trim();
    if (!query || state.busy) return;
    state.busy = true;
    $("send").disabled = true;
    $("query").value = "";
    try { await ask(query); } finally { state.busy = false; $("send").disabled = false; $("query").focus(); }
  });
}

init();
