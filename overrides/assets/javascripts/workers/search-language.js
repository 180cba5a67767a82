// Search in the page's own language: a thin wrapper around Material's search worker.
//
// partials/search-language.html starts this worker instead of Material's; its URL names
// Material's worker, the page's language, the default language and every language of the site.
// This script sees each message before Material's worker does, and changes it:
//   - setup: keeps only the pages of the page's language. The index is not stemmed (mkdocs.yml
//     lists no stemmer), so every word is indexed as written, Polish diacritics included;
//   - query: replaces each plain word by its stem in that language (Russian: the Snowball stemmer
//     of lunr-languages that Material ships; Polish: polish-stemmer.js; English: lunr's Porter
//     stemmer). Material appends "*" to every word, so the stem finds every form of the word
//     that begins with it, the form typed included.
// On Russian pages "ё" and "е" are the same letter, in the index and in the query, as Russian
// readers treat them: "счет" finds "счёт".
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

// Message types of Material's search worker (SearchMessageType in Material's sources).
const SETUP = 0;
const QUERY = 2;

// Whether a search document (its location is relative to the site root) is in this language.
function isOwnLanguage(location) {
  return ownFolder
    ? location.startsWith(ownFolder)
    : !otherFolders.some(folder => location.startsWith(folder));
}

// Keep this language's documents and set lunr up for it: with its lunr-languages support when
// the i18n plugin listed it in the index (Russian); otherwise with lunr's default and no stop
// words (Polish: lunr has no Polish, and English stop words would drop "to", "my", "i").
function selectLanguage(index) {
  index.docs = index.docs.filter(doc => isOwnLanguage(doc.location));
  if (index.config.lang.includes(language)) {
    index.config.lang = [language];
  } else {
    index.config.lang = ["en"];
    index.config.pipeline = [];
  }
}

function foldYo(text) {
  return text.replace(/[ёЁ]/g, "е");
}

// This language's stemmer, from word to stem; undefined when there is none. Russian's is
// loaded by Material's worker during setup, so this is asked for only when a query arrives.
function stemmerFor(locale) {
  const lunrStemmer = locale === "en" ? lunr.stemmer : lunr[locale] && lunr[locale].stemmer;
  if (lunrStemmer) {
    return word => lunrStemmer(new lunr.Token(word)).toString();
  }
  return locale === "pl" ? self.stemPolish : undefined;
}

// The query with each plain word (letters and digits only, no query syntax) replaced by its
// stem. A stem that is not a prefix of the word (Porter: "policy" -> "polici") is not used, so
// the form typed is always found.
function stemQuery(query) {
  const text = language === "ru" ? foldYo(query) : query;
  const stem = stemmerFor(language);
  if (!stem) {
    return text;
  }
  return text.replace(/(^|\s)([\p{L}\p{N}]+)(?=\s|$)/gu, (match, space, word) => {
    const lower = word.toLowerCase();
    const stemmed = stem(lower);
    return space + (stemmed.length >= 2 && lower.startsWith(stemmed) ? stemmed : lower);
  });
}

// Registered before Material's worker is loaded, so it runs first for every message; Material's
// listener then receives the same message object, changed.
addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) {
    selectLanguage(message.data);
  } else if (message.type === QUERY) {
    message.data = stemQuery(message.data);
  }
});

importScripts("polish-stemmer.js", parameters.get("material"));

// Every token lunr indexes passes through Pipeline.run: fold "ё" there, on Russian pages.
if (language === "ru") {
  const run = lunr.Pipeline.prototype.run;
  lunr.Pipeline.prototype.run = function (tokens) {
    tokens.forEach(token => token.update(foldYo));
    return run.call(this, tokens);
  };
}
