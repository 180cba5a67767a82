// Search in the page's own language: a thin wrapper around Material's search worker.
//
// partials/search-language.html starts this worker instead of Material's; its URL names
// Material's worker, the page's language, the default language, every language of the site and
// this language's overview pages. This script sees each message before Material's worker does,
// and changes it:
//   - setup: keeps only the pages of the page's language, and ranks the overview pages (the home
//     page and the checklist, which mention every topic in passing) after the guidance pages, so
//     that a query lists the page about it first; an overview page whose title or a heading has
//     the query word still comes first;
//   - query: turns each word into its search form (below), to which Material appends "*".
// The index in search_index.json keeps every word as written (mkdocs.yml lists no stemmer); lunr
// builds its index here, in the browser, where each word becomes its search form too: its stem
// in the page's language (Russian: the Snowball stemmer of lunr-languages that Material ships;
// Polish: polish-stemmer.js; English: lunr's Porter stemmer), with letters that readers type
// interchangeably made one ("ё" and "е"; a Polish letter with and without its diacritic). So
// every form of a word counts as that word: "счет" finds "счёт", "odsetek" finds "odsetki",
// "umów" finds "umowa", "przedplata" finds "przedpłata", and a page that uses a word often ranks
// above one that uses many of its forms once.
//
// It lives next to Material's worker because that worker loads lunr's language files from
// "../lunr/", relative to the URL of the worker script.
"use strict";

const parameters = new URL(self.location.href).searchParams;
const language = parameters.get("lang");
const defaultLanguage = parameters.get("default");
const ownFolder = language === defaultLanguage ? "" : `${language}/`;
const otherFolders = parameters.get("languages").split(",")
  .filter(locale => locale !== defaultLanguage)
  .map(locale => `${locale}/`);
// The overview pages of this language, as the index locates them: "pl/", "pl/checklist/".
const overviews = new Set(JSON.parse(parameters.get("overviews")));

// How much a match on an overview page counts against the same match on a guidance page. A
// title is worth a thousand words of text (Material's field boosts), so an overview page whose
// title or heading has the query word still comes before a page that has it only in its text.
const OVERVIEW_BOOST = 0.2;

// Message types of Material's search worker (SearchMessageType in Material's sources).
const SETUP = 0;
const QUERY = 2;

// Whether a search document (its location is relative to the site root) is in this language.
function isOwnLanguage(location) {
  return ownFolder
    ? location.startsWith(ownFolder)
    : !otherFolders.some(folder => location.startsWith(folder));
}

// Keep this language's documents, rank overview pages below guidance pages, and set lunr up for
// the language: with its lunr-languages support when the i18n plugin listed it in the index
// (Russian); otherwise with lunr's default and no stop words (Polish: lunr has no Polish, and
// English stop words would drop "to", "my", "i").
function selectLanguage(index) {
  index.docs = index.docs.filter(doc => isOwnLanguage(doc.location));
  for (const doc of index.docs) {
    if (overviews.has(doc.location.split("#", 1)[0])) {
      doc.boost = (doc.boost || 1) * OVERVIEW_BOOST;
    }
  }
  if (index.config.lang.includes(language)) {
    index.config.lang = [language];
  } else {
    index.config.lang = ["en"];
    index.config.pipeline = [];
  }
}

// This language's stemmer, from a lower-case word to its stem. Russian's comes with the lunr
// language support that Material's worker loads during setup, so it is looked up when used.
// Polish stems are in plain letters (polish-stemmer.js).
function stem(word) {
  const lunrStemmer = language === "en" ? lunr.stemmer : lunr[language] && lunr[language].stemmer;
  if (lunrStemmer) {
    return lunrStemmer(new lunr.Token(word)).toString() || word;
  }
  return language === "pl" ? self.stemPolish(word) : word;
}

// A lower-case word as search compares it, in the index and in the query: its stem, with the
// letters that readers type interchangeably made one: in Russian "ё" is "е" (before stemming:
// the Snowball stemmer knows "е" only); the Polish stemmer reads plain letters itself.
const searchForm = language === "ru" ? word => stem(word.replace(/ё/g, "е")) : stem;

// The query with each plain word (letters and digits only, no query syntax) in its search form.
// Material then appends "*", so a stem also finds the longer stems that begin with it, and a
// word being typed finds the words it begins.
// Other terms ("+faktury", written in quotes) pass through lunr's pipeline, which makes them
// search forms too.
function searchQuery(query) {
  return query.toLowerCase().replace(/(^|\s)([\p{L}\p{N}]+)(?=\s|$)/gu,
    (match, space, word) => space + searchForm(word));
}

// Material's worker and this language's stemmer are loaded with the setup message, which comes
// when the reader first opens search (partials/material-requests.html holds the index back until
// then), so a first visit downloads neither. Every token lunr indexes, and every query term
// without "*", then passes through Pipeline.run: after the language's own steps (its stop
// words), each token becomes its search form. Word positions are kept, so Material still
// highlights the words as written.
function loadMaterial() {
  importScripts(...(language === "pl" ? ["polish-stemmer.js"] : []), parameters.get("material"));
  const run = lunr.Pipeline.prototype.run;
  lunr.Pipeline.prototype.run = function (tokens) {
    return run.call(this, tokens).map(token => token.update(searchForm));
  };
}

// Sees each message from the page first and changes it. The setup message loads Material's
// worker, whose listener is added too late for that message: it is sent on to it again (an
// untrusted event, which this listener leaves alone).
addEventListener("message", event => {
  const message = event.data;
  if (!event.isTrusted) {
    return;
  }
  if (message.type === SETUP) {
    selectLanguage(message.data);
    loadMaterial();
    dispatchEvent(new MessageEvent("message", { data: message }));
  } else if (message.type === QUERY) {
    message.data = searchQuery(message.data);
  }
});
