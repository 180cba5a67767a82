// A light Polish stemmer for site search: strips one inflectional ending, so that the stem,
// matched as a prefix, finds the other forms of the word ("zaliczkę" -> "zaliczk" finds
// "zaliczka"; "płatności" -> "płatnoś" finds "płatność"). It only ever removes letters from the
// end, so the stem is always a prefix of the word typed: the form typed is always found.
// Loaded by workers/search-language.js; defines self.stemPolish(word) -> stem.
(function () {
  "use strict";

  // Endings, tried longest first. The "ci…" and "ni…" endings stop before the soft consonant, so
  // "płatność", "płatności" and "płatnością" share "płatnoś", and "wezwanie", "wezwania" and
  // "wezwań" share "wezwa".
  var ENDINGS = [
    // nouns and adjectives
    "a", "ą", "e", "ę", "i", "o", "u", "y", "ie", "ią", "ię", "em", "om", "ów", "ym", "im", "ej",
    "ach", "ami", "ego", "emu", "ych", "ich", "ymi", "imi", "iej", "owi", "owa", "owe", "ową",
    "iach", "iami", "iego", "iemu", "owej", "owym", "owych", "owie", "owego", "owemu",
    // before a soft consonant: -ść/-ści…, -ń/-ni…
    "ć", "ń", "ci", "cie", "ciu", "cią", "ciom", "ciach", "ciami",
    "nie", "nia", "niu", "niem", "niom", "niach", "niami",
    // verbs and participles
    "ać", "eć", "ić", "yć", "ąć", "uj", "ał", "ił", "ył", "uje", "ują", "esz", "isz", "ysz",
    "asz", "emy", "imy", "amy", "ała", "ało", "ali", "ały", "iła", "iło", "ili", "iły", "yła",
    "yło", "yli", "yły", "ecie", "icie", "acie", "ował", "ować", "ujemy", "ujesz", "ujecie",
    "owała", "owało", "owali", "owały", "owany", "owana", "owane", "owania", "owanie", "owaniu",
    "owanych", "owanym", "ujący", "ująca", "ujące", "ującego", "ującej"
  ].sort(function (a, b) { return b.length - a.length; });

  var VOWEL = /[aąeęioóuy]/;

  // The longest ending whose removal leaves a stem of at least three letters with a vowel in it
  // (so "przy" stays "przy" rather than becoming "prz", which would match half the language).
  function stemPolish(word) {
    var lower = word.toLowerCase();
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      if (lower.length - ending.length >= 3 && lower.slice(-ending.length) === ending) {
        var stem = lower.slice(0, -ending.length);
        if (VOWEL.test(stem)) {
          return stem;
        }
      }
    }
    return lower;
  }

  self.stemPolish = stemPolish;
})();
