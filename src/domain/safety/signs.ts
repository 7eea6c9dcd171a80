/**
 * The shape of an emergency sign and the pieces of vocabulary several signs share.
 * Patterns run on `normalise()`d text: lower case, apostrophes inside words dropped ("cant", "shes").
 */

export interface Sign {
  /** Rule ID, one of EMERG-CHILD-* / EMERG-MATERNAL-* (health-facts.json `emergency`, `gate_rules`). */
  id: string
  /** What the alert calls it: "a seizure", "trouble breathing". */
  label: string
  patterns: RegExp[]
  /** Tested on the sentence: when it matches, this sign does not fire there (e.g. "throwing a fit"). */
  except?: RegExp
  /** Tested on the message after the match: a resolved-and-normal sign does not fire. */
  resolvedBy?: RegExp
  /** Tested on the whole message: the sign fires only together with this (head injury + vomiting). */
  requires?: RegExp
  /** Skipped when the sender says it of themself ("I'm very sleepy", "my neck is stiff"). */
  notSelf?: boolean
  /** Maternal: fires only in a pregnant or postpartum context (record or text). */
  needsMaternalContext?: boolean
  /** Maternal: the AWHONN/Alberta "call 911" tier; otherwise "call your provider now". */
  call911?: boolean
}

export const rx = (...parts: string[]) => new RegExp(parts.join(''))

// Misspellings seen in parents' texts; unsourced colloquial variants (health-facts.json
// `colloquial_variants_unsourced`) are written the same way.
export const BREATHING_FORM = '(?:breathing|breathin|breating|breahting|brething|breathng|breathig|breaths)'
export const BREATHE_FORM = '(?:breathe|breath|breth|brethe|breate)'

/** EMERG-CHILD-BREATHING and EMERG-MATERNAL-BREATHING share these ([CHOP-EMERG], [NHS-HT-U3M], [CDC-HEARHER]). */
export const BREATHING_PATTERNS = [
  rx('\\b(?:not|isnt|wasnt|aint|stopped|stops|stop|quit|no longer|barely|hardly|without) ', BREATHING_FORM, '\\b'),
  rx(
    '\\b(?:cant|cannot|can not|couldnt|unable to|struggling to|struggles to|fighting to|working hard to|hard to|',
    'trouble|difficulty|difficult|hard time|problems?|struggling|labou?red|obstructed) (?:to )?(?:',
    BREATHE_FORM,
    '|',
    BREATHING_FORM,
    ')\\b',
  ),
  /\bshort(?:ness)? of breath\b|\btoo breathless\b|\bgasping\b|\bbreathless (?:and|to)\b/,
  rx('\\bgrunting\\b.{0,30}\\bbreath|\\b', BREATHING_FORM, '.{0,30}\\bgrunting\\b'),
  /\b(?:ribs?|chest|belly|tummy|stomach|skin|neck) (?:is |are )?(?:sucking|pulling|caving|sinking|drawing) in\b/,
  /\bsucking in (?:under|below|between|at) (?:the |her |his )?ribs\b|\bretractions?\b/,
  rx('\\bpaus(?:e|es|ing) (?:in|between) (?:her |his |their |the )?', BREATHING_FORM),
  rx(
    '\\b',
    BREATHING_FORM,
    ' (?:stops|stopped|pauses|paused|weird|funny|strange|oddly|very fast|really fast|so fast|super fast|too fast|',
    'very hard|really hard|so hard)\\b',
  ),
  rx('\\b(?:dont|do not) think (?:she|he|the baby|baby|they)(?:s| is| are)? ', BREATHING_FORM),
  rx(
    '\\b(?:cant|cannot|can not|not sure|dont know|unsure|checking) (?:tell )?(?:if|whether) ',
    '(?:she|he|the baby|baby|they|\\w+)(?:s| is| are)? (?:still )?',
    BREATHING_FORM,
  ),
]

/** A blocked nose is not a blocked airway ("not breathing through his nose, very stuffy"). */
export const BREATHING_EXCEPT = /\bbreathing through (?:her |his |their |the |my )?(?:nose|mouth)\b/

/** EMERG-CHILD-SEIZURE and EMERG-MATERNAL-SEIZURE share these ([CHOP-EMERG], [NHS-RST], [AWHONN-POSTBIRTH]). */
export const SEIZURE_PATTERNS = [
  /\b(?:seizure|seizures|seizing|seized|seizin|seizer|seizers|sezure|sezures|siezure|siezures|siezing|siezed|seazure|seisure)\b/,
  /\bconvuls\w*/,
  /\b(?:having|had|has|have|in|into) (?:a )?fits?\b|\b(?:is|s|shes|hes|was|keeps|started|starts|been) fitting\b/,
  /\b(?:rhythmic|rythmic) jerk\w*|\bjerking (?:movements|arms|legs|all over)|\bkeeps jerking\b/,
  /\b(?:shaking|twitching|jerking|trembling) and (?:wont|will not|not|doesnt|isnt|cant|unresponsive)\b/,
  /\beyes (?:are )?(?:rolled|rolling|roll|rolls) (?:back|up)\b|\bstiff (?:and|&) (?:shaking|jerking|twitching)\b/,
]

/** A tantrum or a fit of giggles is not a fit; seizure medicines and plans are not a seizure. */
export const SEIZURE_EXCEPT =
  /\b(?:throw|threw|throwing|throws|pitch|pitched|pitching|hissy|conniption) (?:a )?fit\b|\bfits? (?:about|over|because|cause|cos|of (?:giggles|laughter|laughing|coughing|rage|pique|jealousy))\b|\btantrum|\b(?:anti-?)?seizure (?:meds?|medicines?|medications?|plan|action plan|free|diary|log|disorder|clinic|doctor|neurologist|appointment|rescue)\b/

/** EMERG-CHILD-UNRESPONSIVE fainting and EMERG-MATERNAL-FAINTING ([CHOP-EMERG], [ALBERTA-PP]). */
export const FAINTING_PATTERNS = [
  /\b(?:passed|passes|pass|passing) out\b|\bfaint(?:ed|ing|s)\b|\bblack(?:ed)? out\b|\blost consciousness\b/,
]

/** A temperature or a fever word in the message: CHOP's "a rash with fever" needs one. */
export const FEVER_WORD =
  /\b(?:fever|feverish|febrile|high temp(?:erature)?|temp(?:erature)? (?:of |is |at |was )?(?:3[89]|4[0-2]|10[0-9]))/
