// A light Polish stemmer for site search, in plain letters: it reads a letter with and without
// its diacritic as one ("przedplata" is "przedpłata", "umów" is "umow"), then strips one
// inflectional ending, so that the stem, matched as a prefix, finds the other forms of the word
// ("zaliczkę" -> "zalicz" finds "zaliczka" and "zaliczek"; "płatności" and "platnosc" ->
// "platnos" find "płatność"). It only ever removes letters from the end, so the stem is always a
// prefix of the word in plain letters: the form typed is always found.
// Loaded by workers/search-language.js; defines self.stemPolish(word) -> stem.
(function () {
  "use strict";

  var PLAIN = { ą: "a", ć: "c", ę: "e", ł: "l", ń: "n", ó: "o", ś: "s", ź: "z", ż: "z" };

  // Endings in plain letters, tried longest first. The "ci…" and "ni…" endings stop before the
  // soft consonant, so "płatność", "płatności" and "płatnością" share "platnos", and "wezwanie",
  // "wezwania" and "wezwań" share "wezwa".
  var ENDINGS = [
    // nouns and adjectives; "ek": the genitive plural with a fleeting "e" ("odsetek"); "ze":
    // the locative after "r" ("fakturze")
    "ek", "ze",
    "a", "e", "i", "o", "u", "y", "ie", "ia", "em", "om", "ow", "ym", "im", "ej",
    "ach", "ami", "ego", "emu", "ych", "ich", "ymi", "imi", "iej", "owi", "owa", "owe",
    "iach", "iami", "iego", "iemu", "owej", "owym", "owych", "owie", "owego", "owemu",
    // before a soft consonant: -ść/-ści…, -ń/-ni…
    "c", "n", "ci", "cie", "ciu", "cia", "ciom", "ciach", "ciami",
    "nie", "nia", "niu", "niem", "niom", "niach", "niami",
    // verbs and participles
    "ac", "ec", "ic", "yc", "uj", "al", "il", "yl", "uje", "uja", "esz", "isz", "ysz",
    "asz", "emy", "imy", "amy", "ala", "alo", "ali", "aly", "ila", "ilo", "ili", "ily", "yla",
    "ylo", "yli", "yly", "ecie", "icie", "acie", "owal", "owac", "ujemy", "ujesz", "ujecie",
    "owala", "owalo", "owali", "owaly", "owany", "owana", "owane", "owania", "owanie", "owaniu",
    "owanych", "owanym", "ujacy", "ujaca", "ujace", "ujacego", "ujacej"
  ].sort(function (a, b) { return b.length - a.length; });

  // Endings of one consonant ("ć", "ń") that many stems also end in ("plan", "plac"): cut only
  // where four letters remain.
  var SHORT_ENDINGS = ["c", "n"];

  var VOWEL = /[aeiouy]/;

  // Whether a stem is long enough to search with: three letters at least, a vowel among them
  // (so "przy" stays "przy" rather than becoming "prz", which would match half the language).
  function isStem(stem, ending) {
    var least = SHORT_ENDINGS.indexOf(ending) >= 0 ? 4 : 3;
    return stem.length >= least && VOWEL.test(stem);
  }

  // The word in lower case and plain letters.
  function plainLetters(word) {
    return word.toLowerCase().replace(/[ąćęłńóśźż]/g, function (letter) { return PLAIN[letter]; });
  }

  // The word in plain letters without its longest ending that leaves a stem. A stem ending in a
  // consonant and "k" loses the "k" too, as the genitive plural puts a fleeting "e" before it:
  // "odsetki", "odsetkach" and "odsetek" share "odset"; "zaliczka" and "zaliczek" share "zalicz".
  function stemPolish(word) {
    var plain = plainLetters(word);
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      var stem = plain.slice(0, -ending.length);
      if (plain.slice(-ending.length) === ending && isStem(stem, ending)) {
        var beforeK = stem.slice(0, -1);
        return /[^aeiouy]k$/.test(stem) && isStem(beforeK) ? beforeK : stem;
      }
    }
    return plain;
  }

  self.stemPolish = stemPolish;
})();
