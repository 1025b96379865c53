// UI strings in English and Portuguese; the language follows the browser until the toggle is used.
const STRINGS = {
  en: {
    send: "Ask", new: "New conversation", placeholder: "Ask about solar plants, heat, deforestation…",
    thread: "thread", working: "Working…", failed: "The request failed", token: "API token:",
    rows: "rows", of: "of", map: "Map", other: "Other", unmatched: "not matched", pairs: "Plant–zone links", perCell: "count per cell", langName: "PT",
  },
  pt: {
    send: "Perguntar", new: "Nova conversa", placeholder: "Pergunte sobre usinas solares, calor, desmatamento…",
    thread: "conversa", working: "Trabalhando…", failed: "A requisição falhou", token: "Token da API:",
    rows: "linhas", of: "de", map: "Mapa", other: "Outros", unmatched: "fora do critério", pairs: "Ligações usina–zona", perCell: "contagem por célula", langName: "EN",
  },
};

let lang = localStorage.getItem("planexec.lang")
  || ((navigator.language || "en").toLowerCase().startsWith("pt") ? "pt" : "en");

export function language() { return lang; }

export function t(key) { return STRINGS[lang][key] ?? STRINGS.en[key] ?? key; }

export function applyStrings(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  const toggle = document.getElementById("lang");
  if (toggle) toggle.textContent = t("langName");
}

export function toggleLanguage() {
  lang = lang === "pt" ? "en" : "pt";
  localStorage.setItem("planexec.lang", lang);
  applyStrings();
}
