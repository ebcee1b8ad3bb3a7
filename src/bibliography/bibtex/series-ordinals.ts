// Made by tests/fixtures/bibtex-real/make-strings.sh from Pandoc 2.17's biblatex strings: do not edit.
// The ordinal suffixes of a series that is a number: "ordinal-NN" for NN, else "ordinal".
export const SERIES_ORDINALS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
 "af": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "ar": {
  "ordinal": ""
 },
 "bg": {
  "01": "ва",
  "02": "ра",
  "21": "ва",
  "22": "ра",
  "ordinal": "та"
 },
 "ca": {
  "ordinal": "a"
 },
 "cs": {
  "ordinal": "."
 },
 "da": {
  "ordinal": "."
 },
 "de": {
  "ordinal": "."
 },
 "el": {
  "01": "ος",
  "ordinal": "ο"
 },
 "en": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "es": {
  "ordinal": ".ª"
 },
 "et": {
  "ordinal": "."
 },
 "eu": {
  "ordinal": "."
 },
 "fa": {
  "ordinal": ""
 },
 "fi": {
  "ordinal": "."
 },
 "fr": {
  "01": "ᵉʳ",
  "ordinal": "ᵉ"
 },
 "gl": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "he": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "hr": {
  "ordinal": "."
 },
 "hu": {
  "ordinal": "."
 },
 "is": {
  "ordinal": "."
 },
 "it": {
  "ordinal": "ª"
 },
 "ja": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "la": {
  "ordinal": "º"
 },
 "lt": {
  "03": "-ioji",
  "ordinal": "-oji"
 },
 "lv": {
  "ordinal": "-ā"
 },
 "mn": {
  "ordinal": "-p"
 },
 "nb": {
  "ordinal": "."
 },
 "nl": {
  "02": "de",
  "03": "de",
  "04": "de",
  "05": "de",
  "06": "de",
  "07": "de",
  "09": "de",
  "10": "de",
  "11": "de",
  "12": "de",
  "13": "de",
  "14": "de",
  "15": "de",
  "16": "de",
  "17": "de",
  "18": "de",
  "19": "de",
  "ordinal": "ste"
 },
 "nn": {
  "ordinal": "."
 },
 "pl": {
  "ordinal": "."
 },
 "pt": {
  "ordinal": ".ª"
 },
 "ro": {
  "01": "",
  "ordinal": "-lea"
 },
 "ru": {
  "ordinal": "-я"
 },
 "sk": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "sl": {
  "ordinal": "."
 },
 "sr": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 },
 "sv": {
  "01": ":a",
  "02": ":a",
  "ordinal": ":e"
 },
 "th": {
  "ordinal": ""
 },
 "tr": {
  "ordinal": "."
 },
 "uk": {
  "ordinal": "ий"
 },
 "vi": {
  "01": "st",
  "02": "nd",
  "03": "rd",
  "ordinal": "th"
 }
};
