/**
 * EMERG-MATERNAL-* — health-facts.md §3.2 and health-facts.json `emergency.maternal`: warning signs in a
 * pregnant person or up to a year after the birth. §3.2 gate choice: every Hear Her sign is `emergency`
 * ("When in doubt, escalate to a human"); `call911` marks the AWHONN/Alberta "call 911" tier so the reply can
 * say 911 for those and "call your OB or midwife now" for the others.
 *
 * A sign that names the pregnancy itself (pads soaked, clots, the baby not moving, waters leaking) fires
 * from the text alone. A general sign (headache, chest pain) needs a maternal context: the sender's record,
 * or words like "pregnant" / "since the birth" in the message. Fever is read from temperatures (gate.ts).
 */
import { BREATHING_PATTERNS, FAINTING_PATTERNS, SEIZURE_EXCEPT, SEIZURE_PATTERNS, type Sign } from './signs.js'

/** A message that places itself in pregnancy or the year after it. */
export const MATERNAL_TEXT =
  /\b(?:pregnan\w*|postpartum|post-partum|post partum|weeks pp|since (?:giving birth|the birth|delivery|i gave birth|i had (?:the baby|her|him)|my c-?section)|after (?:giving birth|the birth|delivery|my c-?section|i had the baby)|c-?section|gave birth|my midwife|my ob)\b/

export const MATERNAL_SIGNS: Sign[] = [
  // [CDC-HEARHER] "Thoughts about harming yourself or your baby"; [AWHONN-POSTBIRTH], [ALBERTA-PP] call 911.
  // Fires for any sender: a sourced rule exists only for the maternal case, and nobody should be left unanswered.
  {
    id: 'EMERG-MATERNAL-SELFHARM',
    label: 'thoughts of harming herself or the baby',
    call911: true,
    patterns: [
      /\b(?:thoughts?|thinking|think|thought) (?:of|about) (?:harming|hurting|killing|ending) (?:myself|me|the baby|my baby|baby|him|her|them|my life|it all)\b/,
      /\b(?:want|wanna|going|gonna|feel like|tempted) (?:to )?(?:hurt|harm|kill|shake) (?:myself|my baby|the baby|baby)\b/,
      /\b(?:hurt|harm|kill) myself\b|\bsuicid\w*|\bend (?:it all|my life)\b|\bbetter off without me\b/,
      /\b(?:dont|do not) want to (?:be alive|live|be here anymore|wake up)\b/,
    ],
  },
  // [CDC-HEARHER] "Baby's movement stopping or slowing down during pregnancy".
  {
    id: 'EMERG-MATERNAL-FETAL-MOVEMENT',
    label: "the baby's movements stopping or slowing",
    patterns: [
      /\b(?:no|fewer|less|reduced|decreased) (?:fetal |baby )?(?:movements?|kicks?)\b|\bbaby (?:is )?moving less\b/,
      /\b(?:havent|have not|cant|cannot|didnt|did not|not) (?:felt|feel|feeling) (?:the )?(?:baby|him|her|any) (?:move|moving|kick\w*)\b/,
      /\bbaby (?:hasnt|has not|isnt|is not|stopped|not|hasnt been) (?:moving|moved|kicking|kicked)\b/,
    ],
    except: /\bnewborn\b/,
  },
  // [CDC-HEARHER] "Vaginal bleeding or fluid leaking during pregnancy", "Heavy vaginal bleeding, or leaking fluid
  // that smells bad, after pregnancy"; [AWHONN-POSTBIRTH] "soaks through one pad per hour, or blood clots the size
  // of an egg or bigger"; [ALBERTA-PP] the same.
  {
    id: 'EMERG-MATERNAL-BLEEDING',
    label: 'heavy bleeding or leaking fluid',
    patterns: [
      /\bsoak(?:ing|ed|s)? (?:through )?(?:a |one |more than one |\d+ )?(?:pad|pads|maxi pad)s?(?: an| per| in an?| every)? ?hour\b/,
      /\bclots? (?:the size of|bigger than|larger than|as big as|size of) (?:an? )?(?:egg|golf ?ball|lemon|plum|fist)\b/,
      /\b(?:egg|golf ?ball|lemon|plum)[- ]sized clots?\b|\bhuge clots?\b/,
      /\b(?:bleeding|spotting) (?:while|during|and im|and i am|at \d+ weeks) pregnant\b|\bpregnant and bleeding\b/,
      /\b(?:fluid|water) (?:is )?leaking\b|\bleaking (?:fluid|water)\b|\bgush of fluid\b/,
      /\b(?:discharge|fluid|bleeding) (?:that )?smells? (?:bad|foul|awful|off)\b|\b(?:foul|bad)[- ]smelling (?:discharge|fluid|bleeding)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-BLEEDING',
    label: 'heavy bleeding',
    needsMaternalContext: true,
    patterns: [
      /\b(?:heavy|heavily|lots of|a lot of|so much) (?:vaginal )?bleeding\b|\bbleeding (?:heavily|a lot|so much|through)\b/,
    ],
  },
  // [AWHONN-POSTBIRTH] "an incision that is not healing".
  {
    id: 'EMERG-MATERNAL-INCISION',
    label: 'an incision that is not healing',
    patterns: [
      /\b(?:incision|c-?section (?:wound|scar|cut)|stitches|scar) (?:is |are )?(?:not healing|opening|opened|open|oozing|leaking|red and hot|infected|smells?)\b/,
    ],
  },
  // [AWHONN-POSTBIRTH] call 911: "pain in chest"; [CDC-HEARHER] "Chest pain or fast-beating heart"; [ALBERTA-PP].
  {
    id: 'EMERG-MATERNAL-CHEST',
    label: 'chest pain or a racing heart',
    needsMaternalContext: true,
    call911: true,
    patterns: [
      /\bchest (?:pain|pains|hurts|is hurting|tightness|feels tight|pressure)\b|\bpain in (?:my |the )?chest\b/,
      /\bheart (?:is )?(?:racing|pounding)\b|\b(?:fast|racing|pounding)(?:-| )(?:beating )?heart(?:beat)?\b|\bpalpitations\b/,
    ],
  },
  // [AWHONN-POSTBIRTH] call 911: "obstructed breathing or shortness of breath"; [CDC-HEARHER] "Trouble breathing".
  {
    id: 'EMERG-MATERNAL-BREATHING',
    label: 'trouble breathing',
    needsMaternalContext: true,
    call911: true,
    patterns: BREATHING_PATTERNS,
  },
  // [AWHONN-POSTBIRTH] call 911: "seizures"; [ALBERTA-PP] "a seizure".
  {
    id: 'EMERG-MATERNAL-SEIZURE',
    label: 'a seizure',
    needsMaternalContext: true,
    call911: true,
    patterns: SEIZURE_PATTERNS,
    except: SEIZURE_EXCEPT,
  },
  // [ALBERTA-PP] call 911: "passing out", "coughing up blood"; [CDC-HEARHER] "Dizziness or fainting".
  {
    id: 'EMERG-MATERNAL-FAINTING',
    label: 'fainting',
    needsMaternalContext: true,
    call911: true,
    patterns: FAINTING_PATTERNS,
  },
  // [CDC-HEARHER] "Fever of 100.4 °F or higher"; [AWHONN-POSTBIRTH] "temperature of 100.4 °F or higher". A reading
  // said of herself ("my temp is 38.3") is matched in gate.ts; these are the words without a number.
  {
    id: 'EMERG-MATERNAL-FEVER',
    label: 'a fever',
    needsMaternalContext: true,
    patterns: [
      /\b(?:i have|i got|ive got|ive had|im running|i am running|i feel like i have) (?:a )?(?:fever|high temp(?:erature)?|temperature)\b/,
      /\b(?:im|i am|i feel|feeling) (?:really |very |so )?(?:feverish|febrile)\b/,
    ],
    except: /\bfever of (?:excitement|anticipation)|\b(?:cabin|spring|baby) fever\b/,
  },
  {
    id: 'EMERG-MATERNAL-COUGH-BLOOD',
    label: 'coughing up blood',
    needsMaternalContext: true,
    call911: true,
    patterns: [/\bcough(?:ing|ed|s)? (?:up )?blood\b/],
  },
  // [CDC-HEARHER] the "seek medical care immediately" signs; [AWHONN-POSTBIRTH] "call your healthcare provider".
  {
    id: 'EMERG-MATERNAL-HEADACHE',
    label: 'a severe headache',
    needsMaternalContext: true,
    patterns: [
      /\b(?:severe|bad|terrible|horrible|worst|awful|pounding|splitting|massive|crazy) headache\b/,
      /\bheadache (?:that )?(?:wont|will not|doesnt|does not|isnt|is not|not|hasnt|has not) (?:go(?:ing)? away|stop|stopping|get(?:ting)? better|improv\w*|gone away)\b/,
      /\bheadache (?:is )?(?:getting worse|worse|even after)\b|\bheadache (?:and|with) (?:blurr\w*|vision|seeing spots|spots)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-VISION',
    label: 'changes in vision',
    needsMaternalContext: true,
    patterns: [
      /\b(?:blurry|blurred|blurring|double|loss of|lost|losing|changes? in(?: my)?) vision\b|\bvision (?:is )?(?:blurry|blurred|changing|going|weird)\b/,
      /\bseeing (?:spots|stars|flashing lights|flashes)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-DIZZY',
    label: 'dizziness',
    needsMaternalContext: true,
    patterns: [/\bdizz(?:y|iness)\b|\blight-? ?headed\b/],
  },
  {
    id: 'EMERG-MATERNAL-SWELLING',
    label: 'extreme swelling of the hands or face',
    needsMaternalContext: true,
    patterns: [
      /\b(?:extreme|severe|sudden|really bad|very bad|huge|massive) swelling\b|\bswollen (?:hands|face|fingers)\b/,
      /\b(?:hands|face|fingers) (?:are |is )?(?:very |really |so |extremely |suddenly )?(?:swollen|puffy|swelling|swelled)(?: up)?\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-VOMITING',
    label: 'severe nausea and vomiting',
    needsMaternalContext: true,
    patterns: [
      /\b(?:severe|constant|nonstop|non-stop|extreme) (?:nausea|vomiting|throwing up)\b/,
      /\b(?:cant|cannot) (?:stop (?:throwing up|vomiting|being sick)|keep (?:anything|any food|water|fluids) down)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-BELLY',
    label: 'severe belly pain',
    needsMaternalContext: true,
    patterns: [
      /\b(?:severe|bad|terrible|sharp|awful|intense) (?:belly|stomach|abdominal|tummy|abdomen|pelvic) pain\b/,
      /\b(?:belly|stomach|abdominal|tummy) pain (?:that )?(?:wont|will not|doesnt|does not|isnt) (?:go away|stop|going away)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-LEG',
    label: 'a swollen, red or painful leg',
    needsMaternalContext: true,
    patterns: [
      /\b(?:leg|calf|calves|thigh) (?:is |are |feels )?(?:red|swollen|swelling|painful|hurts|hurting|warm|hot)\b/,
      /\b(?:swollen|red|painful|hot) (?:leg|calf)\b|\bpain in (?:my )?(?:leg|calf)\b/,
    ],
  },
  {
    id: 'EMERG-MATERNAL-TIREDNESS',
    label: 'overwhelming tiredness',
    needsMaternalContext: true,
    patterns: [/\boverwhelming(?:ly)? (?:tired|tiredness|exhaust\w*|fatigue)\b/],
  },
]
