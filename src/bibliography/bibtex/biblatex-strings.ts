// Made by tests/fixtures/bibtex-real/make-strings.sh from Pandoc 2.17's biblatex strings: do not edit.
export const BIBLATEX_STRINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
 "ca": {
  "audiocd": "CD d’àudio", "bathesis": "treball final de grau", "candthesis": "tesi de candidatura",
  "datacd": "CD de dades", "forthcoming": "properament", "inpreparation": "en preparació", "inpress": "a impremta",
  "jourser": "sèrie", "mathesis": "treball final de màster", "newseries": "sèrie nova", "oldseries": "sèrie antiga",
  "phdthesis": "tesi doctoral", "prepublished": "pre-publicat", "resreport": "informe de recerca",
  "software": "programari", "submitted": "enviat a publicar", "techreport": "informe tècnic"
 },
 "cs": {
  "audiocd": "audio CD", "countryfr": "Francie", "datacd": "CD-ROM", "inpress": "vtisku", "patentus": "US patent"
 },
 "da": {
  "jourser": "række", "newseries": "ny række", "oldseries": "gammel række"
 },
 "en": {
  "audiocd": "audio CD", "bathesis": "Bachelor’s thesis", "candthesis": "Candidate thesis", "countryde": "Germany",
  "countryep": "European Union", "countryeu": "European Union", "countryfr": "France", "countryuk": "United Kingdom",
  "countryus": "United States of America", "datacd": "CD-ROM", "inpreparation": "in preparation", "inpress": "in press",
  "jourser": "series", "mathesis": "Master’s thesis", "newseries": "new series", "oldseries": "old series",
  "patentde": "German patent", "patenteu": "European patent", "patentfr": "French patent", "patentuk": "British patent",
  "patentus": "U.S. patent", "patreq": "patent request", "patreqde": "German patent request",
  "patreqeu": "European patent request", "patreqfr": "French patent request", "patrequk": "British patent request",
  "patrequs": "U.S. patent request", "phdthesis": "PhD thesis", "prepublished": "pre-published",
  "resreport": "research report", "software": "computer software", "techreport": "technical report"
 },
 "es": {
  "audiocd": "disco de audio", "bathesis": "Tesis de licenciatura", "candthesis": "Tesis de candidatura doctoral",
  "countryde": "Alemania", "countryep": "Unión Europea", "countryeu": "Unión Europea", "countryfr": "Francia",
  "countryuk": "Reino Unido", "countryus": "Estados Unidos", "datacd": "disco de datos", "forthcoming": "próximamente",
  "inpress": "en prensa", "jourser": "época", "newseries": "nueva época", "oldseries": "antigua época",
  "patent": "patente", "patentde": "patente alemana", "patenteu": "patente europea", "patentfr": "patente francesa",
  "patentuk": "patente británica", "patentus": "patente estadounidense", "patreq": "solicitud de patente",
  "patreqde": "solicitud de patente alemana", "patreqeu": "solicitud de patente europea",
  "patreqfr": "solicitud de patente francesa", "patrequk": "solicitud de patente británica",
  "patrequs": "solicitud de patente estadounidense", "phdthesis": "Tesis doctoral",
  "prepublished": "previamente publicado", "software": "programa", "submitted": "enviado", "techreport": "informe técnico"
 },
 "et": {
  "audiocd": "audioplaat", "countryde": "Saksamaa", "countryep": "Euroopa Parlament", "countryeu": "Euroopa Liit",
  "countryfr": "Prantsusmaa", "countryuk": "Suurbritannia", "countryus": "Ameerika", "datacd": "CD-ROM",
  "forthcoming": "tulevases", "inpreparation": "koostamisel", "jourser": "seeria", "newseries": "uus seerias",
  "oldseries": "vana seeria", "patentde": "Saksa patent", "patenteu": "Euroopa patent", "patentfr": "Prantsuse patent",
  "patentuk": "Briti patent", "patentus": "U.S. patent", "patreq": "patendi taotlus", "patreqde": "Saksa patendi taotlus",
  "patreqeu": "Euroopa patendi taotlus", "patreqfr": "Prantsuse patendi taotlus", "patrequk": "Briti patendi taotlus",
  "patrequs": "U.S. patendi taotlus.", "resreport": "uuringuraport", "software": "tarkvara", "submitted": "esitatud",
  "techreport": "tehniline raport"
 },
 "fi": {
  "audiocd": "ääni-CD", "bathesis": "tutkielma", "candthesis": "kanditaatintutkielma", "countryde": "Saksa",
  "countryep": "Euroopan Unioni", "countryeu": "Euroopan Unioni", "countryfr": "Ranska", "countryuk": "Iso-Britannia",
  "countryus": "Yhdysvallat", "datacd": "data-CD", "forthcoming": "hyväksytty julkaistavaksi",
  "inpreparation": "valmisteilla", "inpress": "painossa", "jourser": "sarja", "mathesis": "tutkielma",
  "newseries": "uusi sarja", "oldseries": "vanha sarja", "patent": "patentti", "patentde": "saksalainen patentti",
  "patenteu": "Euroopan Unionin patentti", "patentfr": "ranskalainen patentti", "patentuk": "isobritannialainen patentti",
  "patentus": "yhdysvaltalainen patentti", "patreq": "patenttihakemus", "patreqde": "saksalainen patenttihakemus",
  "patreqeu": "Euroopan Unionin patenttihakemus", "patreqfr": "ranskalainen patenttihakemus",
  "patrequk": "isobritannialainen patenttihakemus", "patrequs": "yhdysvaltalainen patenttihakemus",
  "phdthesis": "tohtorinväitöskirja", "prepublished": "esijulkaistu", "resreport": "tutkimusraportti",
  "software": "ohjelmisto", "submitted": "lähetetty", "techreport": "tekninen raportti"
 },
 "fr": {
  "audiocd": "disque compact audio", "bathesis": "mémoire de bachelor", "candthesis": "thèse de candidature",
  "countryde": "Allemagne", "countryep": "Union européenne", "countryeu": "Union européenne", "countryfr": "France",
  "countryuk": "Royaume-Uni", "countryus": "États-Unis", "datacd": "cédérom", "inpreparation": "en préparation",
  "inpress": "sous presse", "jourser": "série", "mathesis": "mémoire de master", "newseries": "nouvelle série",
  "oldseries": "ancienne série", "patent": "brevet", "patentde": "brevet allemand", "patenteu": "brevet européen",
  "patentuk": "brevet britannique", "patentus": "brevet américain", "patreq": "demande de brevet",
  "patreqde": "demande de brevet allemand", "patreqeu": "demande de brevet européen",
  "patrequk": "demande de brevet britannique", "patrequs": "demande de brevet américain", "phdthesis": "thèse de doctorat",
  "prepublished": "prépublié", "resreport": "rapport scientifique", "software": "logiciel", "submitted": "soumis",
  "techreport": "rapport technique"
 },
 "gl": {
  "audiocd": "audio CD", "bathesis": "Bachelor’s thesis", "candthesis": "Candidate thesis", "countryde": "Germany",
  "countryep": "European Union", "countryeu": "European Union", "countryfr": "France", "countryuk": "United Kingdom",
  "countryus": "United States of America", "datacd": "CD-ROM", "inpreparation": "in preparation", "inpress": "in press",
  "jourser": "series", "mathesis": "Master’s thesis", "newseries": "new series", "oldseries": "old series",
  "patentde": "German patent", "patenteu": "European patent", "patentfr": "French patent", "patentuk": "British patent",
  "patentus": "U.S. patent", "patreq": "patent request", "patreqde": "German patent request",
  "patreqeu": "European patent request", "patreqfr": "French patent request", "patrequk": "British patent request",
  "patrequs": "U.S. patent request", "phdthesis": "PhD thesis", "prepublished": "pre-published",
  "resreport": "research report", "software": "computer software", "techreport": "technical report"
 },
 "hr": {
  "audiocd": "audio CD", "bathesis": "diplomski rad", "countryep": "Europska unija", "countryeu": "Europska unija",
  "countryfr": "Francuska", "countryuk": "Velika Britanija", "datacd": "CD-ROM", "inpreparation": "u pripremi",
  "inpress": "u tisku", "jourser": "serija", "mathesis": "magistarski rad", "newseries": "nova serija",
  "oldseries": "stara serija", "patenteu": "europski patent", "patentfr": "francuski patent",
  "patentuk": "britanski patent", "patentus": "US patent", "patreq": "patentni zahtjev",
  "patreqeu": "europski patentni zahtjev", "patrequs": "US patentni zahtjev", "phdthesis": "doktorska disertacija",
  "prepublished": "pred objavom", "software": "softver", "submitted": "predan"
 },
 "lv": {
  "audiocd": "audio CD", "countryep": "Eiropas Parlaments", "countryfr": "Francija", "datacd": "datu CD",
  "inpreparation": "tiek gatavots", "patent": "patents", "patenteu": "Eiropas patents", "patentus": "ASV patents",
  "submitted": "iesniegts"
 },
 "nb": {
  "jourser": "serie", "newseries": "ny serie", "oldseries": "gammel serie"
 },
 "nn": {
  "oldseries": "gamal serie"
 },
 "pl": {
  "jourser": "seria", "newseries": "nowa seria", "oldseries": "stara seria"
 },
 "pt": {
  "audiocd": "CD de áudio", "bathesis": "trabalho de conclusão", "countryde": "Alemanha", "countryep": "União Europeia",
  "countryeu": "União Europeia", "countryuk": "Reino Unido", "countryus": "Estados Unidos", "datacd": "CD-ROM",
  "inpress": "no prelo", "jourser": "série", "newseries": "nova série", "oldseries": "série antiga", "patent": "patente",
  "patentde": "patente alemã", "patenteu": "patente europeia", "patentfr": "patente francesa",
  "patentuk": "patente britânica", "patentus": "patente americana", "patreq": "pedido de patente",
  "patreqde": "pedido de patente alemã", "patreqeu": "pedido de patente europeia",
  "patreqfr": "pedido de patente francesa", "patrequk": "pedido de patente britânica",
  "patrequs": "pedido de patente americana", "phdthesis": "tese de doutorado", "prepublished": "pré-publicado",
  "resreport": "relatório de pesquisa", "submitted": "submetido", "techreport": "relatório técnico"
 },
 "ru": {
  "jourser": "серия", "newseries": "новая серия", "oldseries": "старая серия"
 },
 "sk": {
  "audiocd": "audio CD", "countryde": "Nemecko", "datacd": "CD-ROM", "patentus": "US patent"
 },
 "tr": {
  "audiocd": "ses CD’si", "bathesis": "lisans tezi", "candthesis": "aday tezi", "countryde": "Almanya",
  "countryfr": "Fransa", "datacd": "CD", "forthcoming": "yakında", "jourser": "seri", "newseries": "yeni seri",
  "oldseries": "eski seri", "patentde": "Alman patenti", "patenteu": "Avrupa patenti", "patentfr": "Fransız patenti",
  "patentus": "Amerika patenti", "patreq": "patent beklemede", "patreqde": "Alman patenti beklemede",
  "patreqeu": "Avrupa patenti beklemede", "patreqfr": "Fransız patenti beklemede", "patrequs": "Amerika patenti beklemede",
  "phdthesis": "doktora tezi", "prepublished": "taslak basımı", "software": "bilgisayar yazılımı",
  "techreport": "teknik rapor"
 },
 "uk": {
  "jourser": "серія", "newseries": "нова серія", "oldseries": "стара серія"
 }
};
