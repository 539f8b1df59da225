/*
 * Kazakh for lunr.js: a trimmer, stop words and a suffix-stripping stemmer, shaped like the
 * lunr-languages plugins so Material's search worker can load it as `lunr.kk.min.js`.
 *
 * Kazakh glues endings to the word in a fixed order: stem + derivation + plural +
 * possessive + case (кітапхана + лар + ымыз + да). The stemmer peels them off from the
 * outside in, one layer at a time, so кітапханасы, кітапханаларымызда and кітапханаға all
 * come back to кітапхана. It never leaves a stem shorter than three letters or without a
 * vowel, which keeps short words such as ұйым and орта whole.
 */
;(function (lunr) {
  "use strict"
  if (typeof lunr === "undefined")
    throw new Error("lunr.kk needs lunr.js to be loaded first")

  const VOWELS = "аәеёиоөуұүыіэюя"
  const MIN_STEM = 3

  // Which form of an ending a stem takes depends on its last letter: -лар after a vowel,
  // -дар after л/м/н/ң/з/ж, -тар after a voiceless consonant (кітаптар). Checking that
  // letter keeps the stemmer from cutting into words that only look inflected: волонтер
  // does not end in the plural -тер, as н would take -дер.
  const VOICED = "лмнңзжрйу"
  const VOICELESS = "кқпстшфхцчбвгд"
  const NASAL = "мнң"
  const CONSONANTS = "бвгғджзйклмнңпрстфхһцчшщ"

  // Each layer lists endings, longest first, each with the letters its stem may end in.
  const rule = (endings, after) => ({ endings: endings.split(" "), after })
  const LAYERS = [
    // Case endings, and the verb endings that take their place at the end of a word.
    [
      rule("ндан нден", "ыі"),
      rule("нан нен", NASAL + "ыі"),
      rule("дан ден", VOWELS + VOICED),
      rule("тан тен", VOICELESS),
      rule("ның нің", VOWELS + NASAL),
      rule("дың дің", VOICED),
      rule("тың тің", VOICELESS),
      rule("менен мен", VOWELS + VOICED),
      rule("бенен бен", "зж"),
      rule("пенен пен", VOICELESS),
      rule("нда нде на не", "ыі"),
      rule("да де ға ге", VOWELS + VOICED),
      rule("та те қа ке", VOICELESS),
      rule("а е", "мң"),
      rule("ны ні", VOWELS),
      rule("ды ді", VOICED),
      rule("ты ті", VOICELESS),
      rule("н", "ыі"),
      rule("атын етін йтын йтін ған ген қан кен ып іп", CONSONANTS + VOWELS),
      rule("сыңдар сіңдер мын мін сың сің", CONSONANTS + VOWELS),
    ],
    // Possessive endings: our (-ымыз), your (-ыңыз), my, your, and his/her/its (-ы, -сы).
    [
      rule("ымыз іміз ыңыз іңіз", CONSONANTS),
      rule("мыз міз ңыз ңіз", VOWELS),
      rule("ым ім ың ің", CONSONANTS),
      rule("сы сі", VOWELS),
      rule("ы і", CONSONANTS),
    ],
    // Plural.
    [
      rule("лар лер", VOWELS + "руй"),
      rule("дар дер", "лмнңзж"),
      rule("тар тер", VOICELESS),
    ],
    // -лық/-лік make abstract nouns (волонтер → волонтерлік): one search should find both.
    [
      rule("лық лік", VOWELS + "руй"),
      rule("дық дік", "лмнңзж"),
      rule("тық тік", VOICELESS),
    ],
  ]

  // A vowel ending voices the last consonant of the stem (кітап → кітабы, жүрек →
  // жүрегі); every stem is written with the voiceless letter so both forms meet.
  const DEVOICE = { "б": "п", "г": "к", "ғ": "қ" }

  function isStem(candidate) {
    return (
      candidate.length >= MIN_STEM &&
      [...candidate].some(letter => VOWELS.includes(letter))
    )
  }

  function stripLayer(word, layer) {
    for (const { endings, after } of layer)
      for (const ending of endings) {
        if (!word.endsWith(ending)) continue
        const stem = word.slice(0, -ending.length)
        if (!after.includes(stem.slice(-1))) continue
        if (isStem(stem)) return stem
      }
    return word
  }

  /** The stem of one lower-case Kazakh word. */
  function stem(word) {
    let result = word.toLowerCase()
    if (!/[а-яёәіңғүұқөһ]/.test(result)) return result
    // Typed without a Kazakh keyboard, і is often the Latin i.
    result = result.replace(/i/g, "і")
    for (const layer of LAYERS) result = stripLayer(result, layer)
    const last = result.slice(-1)
    return last in DEVOICE ? result.slice(0, -1) + DEVOICE[last] : result
  }

  const STOP_WORDS = (
    "және мен бен пен да де та те ол бұл осы сол мына ана не немесе үшін туралы бойынша " +
    "арқылы сияқты ретінде кейін дейін бірге ал бірақ егер онда сондықтан яғни әр әрбір " +
    "біз сіз олар оның олардың біздің сіздің ма ме ба бе па пе ғой ғана емес еді"
  ).split(" ")

  lunr.kk = function () {
    this.pipeline.reset()
    this.pipeline.add(lunr.kk.trimmer, lunr.kk.stopWordFilter, lunr.kk.stemmer)
    if (this.searchPipeline) {
      this.searchPipeline.reset()
      this.searchPipeline.add(lunr.kk.stemmer)
    }
  }
  lunr.kk.wordCharacters = "\\u0400-\\u04FF\\w"
  lunr.kk.stem = stem
  lunr.kk.trimmer = token =>
    token.update(text => text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
  lunr.kk.stopWordFilter = lunr.generateStopWordFilter(STOP_WORDS)
  lunr.kk.stemmer = token => token.update(stem)

  lunr.Pipeline.registerFunction(lunr.kk.trimmer, "trimmer-kk")
  lunr.Pipeline.registerFunction(lunr.kk.stopWordFilter, "stopWordFilter-kk")
  lunr.Pipeline.registerFunction(lunr.kk.stemmer, "stemmer-kk")
})(self.lunr)
