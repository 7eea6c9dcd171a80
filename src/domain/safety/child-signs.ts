/**
 * EMERG-CHILD-* — health-facts.md §3.1 and health-facts.json `emergency.child`: signs in a baby or child
 * that mean "call emergency services now". Phrases from the sources plus colloquial variants and
 * common misspellings. Order matters only for which rule an ambiguous message is labelled with.
 */
import {
  BREATHING_EXCEPT,
  BREATHING_PATTERNS,
  FAINTING_PATTERNS,
  FEVER_WORD,
  rx,
  SEIZURE_EXCEPT,
  SEIZURE_PATTERNS,
  type Sign,
} from './signs.js'

const BODY = '(?:lips?|face|skin|tongue|mouth|fingers|fingertips|hands|feet|toes|nails|gums)'
const BLUE = '(?:blue|bluish|purple|purplish|gr[ae]y|greyish|grayish|dusky|ashen)'
const LINK =
  '(?:is |are |s |look |looks |looking |went |gone |turned |turning |going |getting |seem |seems )?(?:kinda |kind of |sort of |a bit |a little |slightly |really |very |so |pretty |all )?'
const HOUSEHOLD_POISON =
  '(?:bleach|detergent|laundry pods?|tide pods?|dishwasher (?:pods?|tablets?)|pods?|button batter(?:y|ies)|batter(?:y|ies)|' +
  'magnets?|cleaners?|cleaning (?:spray|product|stuff|liquid)|chemicals?|poison|antifreeze|lamp oil|nicotine|vape|' +
  'e-?liquid|weed|edibles?|rat poison|pesticide|weed ?killer|drain cleaner|hand sanitizer|essential oils?|alcohol|' +
  'vodka|wine|beer|mouthwash|nail polish remover|iron (?:pills|tablets))'
const MEDICINE = '(?:pills?|tablets?|capsules?|medicine|meds|medication|vitamins|gummies)'

export const CHILD_SIGNS: Sign[] = [
  // EMERG-CHILD-BREATHING — [CHOP-EMERG] "Trouble breathing…", [NHS-HT-U3M] "Breathing that stops or pauses",
  // "drawing in of the muscles below the ribs", "grunting", [MRF-SAFETYNET].
  {
    id: 'EMERG-CHILD-BREATHING',
    label: 'trouble breathing',
    patterns: BREATHING_PATTERNS,
    except: BREATHING_EXCEPT,
  },
  // EMERG-CHILD-CHOKING — [CHOP-EMERG] "Choking"; [ICS-911] "airway is blocked". gate_rules: a choke that was
  // coughed out and the child is playing ("resolved-and-normal") does not fire.
  {
    id: 'EMERG-CHILD-CHOKING',
    label: 'choking',
    // Someone who texts "I choked on my coffee" is breathing.
    notSelf: true,
    patterns: [
      /\b(?:chok(?:ing|ed|es|e|in)|chock(?:ing|ed)|chokeing|chocking)\b/,
      /\bairway (?:is )?(?:blocked|obstructed)\b/,
      /\b(?:something|food|a (?:grape|coin|toy|piece|bone)|it) (?:is |s )?(?:stuck|lodged) in (?:her|his|their|the) (?:throat|windpipe|airway)\b/,
      /\b(?:she|he|baby|shes|hes|they) (?:cant|cannot|can not|isnt able to) (?:cough|cry|make a (?:sound|noise))\b/,
    ],
    except:
      /\bchok\w* (?:on|with|from) (?:laughter|laughing|tears|giggles)\b|\bchok(?:ed|ing|es)? (?:up|back)\b|\bchoke ?hold\b/,
    resolvedBy:
      /\b(?:coughed|cough|spit|spat|threw|brought|got|fished|pulled|swept|came) (?:it |the \w+ )?(?:out|up)\b|\bdislodged\b|\b(?:is|s|now|and|but|totally|completely) (?:fine|ok|okay|alright|all right|good|playing|laughing|crying normally|breathing (?:fine|normally|ok|okay|well))\b|\bback to normal\b|\ball good\b/,
  },
  // EMERG-CHILD-COLOUR — [CHOP-EMERG] "Skin or lips that look blue, purple, or gray"; [NHS-HT-U3M] "Pale, blue,
  // mottled or feels unusually cold to touch"; [MRF-SAFETYNET] "Blue skin, lips or tongue; very pale or mottled".
  {
    id: 'EMERG-CHILD-COLOUR',
    label: 'blue, grey or mottled colour',
    patterns: [
      rx('\\b', BODY, ' ', LINK, BLUE, '\\b'),
      rx('\\b', BLUE, ' (?:', BODY, '|around (?:the |her |his )?(?:mouth|lips))\\b'),
      /\b(?:turn(?:ed|ing|s)?|went|gone|going|goes) (?:blue|purple|dusky)\b/,
      rx(
        '\\b(?:she|he|shes|hes|baby|the baby|they|theyre)(?: is| s| looks| looking| went| gone| seems| was| getting)? ',
        '(?:kinda |a bit |really |very |so |all )?',
        BLUE,
        '\\b(?! (?:eyes|dress|shirt|onesie|hat|jacket|top|pajamas|pjs|sweater|socks|shoes|outfit))',
      ),
      /\bmottled\b|\bblotchy and cold\b|\bpale and (?:cold|floppy|limp|clammy|blue|mottled)\b/,
      /\b(?:ice|unusually|very|really) cold to (?:the )?touch\b|\bpale,? (?:blue|mottled)\b/,
    ],
  },
  // EMERG-CHILD-SEIZURE — [CHOP-EMERG] "Rhythmic jerking and loss of consciousness"; [NHS-RST] "Always dial 999 if
  // your child has a convulsion". §3.1 gate choice: any current or just-ended seizure; past ones do not fire.
  { id: 'EMERG-CHILD-SEIZURE', label: 'a seizure', patterns: SEIZURE_PATTERNS, except: SEIZURE_EXCEPT },
  // EMERG-CHILD-UNRESPONSIVE — [CHOP-EMERG] "Unconsciousness, fainting, or no response when spoken to";
  // [NHS-HT-U3M] "Difficult to wake up or very sleepy"; [MRF-SAFETYNET] "Unusually sleepy, stiff or floppy".
  {
    id: 'EMERG-CHILD-UNRESPONSIVE',
    label: 'not responding or very hard to wake',
    patterns: [
      /\b(?:un|non-?)responsive\b|\b(?:not|isnt|wont|doesnt|wasnt|didnt|wouldnt) (?:respond|responding|react|reacting)\b/,
      /\b(?:cant|cannot|can not|couldnt|unable to) (?:wake|rouse|arouse)\b|\b(?:hard|difficult|impossible) to (?:wake|rouse)\b/,
      /\b(?:wont|will not|doesnt|isnt|not) (?:wake|waking)(?: up)?\b|\bknocked (?:out|unconscious)\b|\bunconscious\b/,
    ],
  },
  {
    id: 'EMERG-CHILD-UNRESPONSIVE',
    label: 'fainting, floppy or unusually sleepy',
    notSelf: true,
    patterns: [
      ...FAINTING_PATTERNS,
      /\blimp\b|\bfloppy\b|\blethargic\b|\bnot making sense\b/,
      /\b(?:very|unusually|extremely|abnormally) (?:sleepy|drowsy)\b|\b(?:suddenly|very) confused\b/,
    ],
    except: /\bfloppy (?:hat|ears?|toy|bunny)\b|\blimp (?:lettuce|noodle)\b/,
  },
  // EMERG-CHILD-ANAPHYLAXIS — [CHOP-ANAPH] "swelling of the throat, lips or tongue… Call 911";
  // [AAP-ANAPH-PRACTICE] "Epinephrine should be given right away followed by a call to 911".
  {
    id: 'EMERG-CHILD-ANAPHYLAXIS',
    label: 'a severe allergic reaction',
    patterns: [
      /\b(?:throat|tongue|lips?|mouth) (?:is |are |s |feels? |getting )?(?:swelling|swollen|swelled|puffing|puffed|closing|tight|tightening)\b/,
      /\bswelling (?:of|in|on) (?:the |her |his |their )?(?:throat|tongue|lips?|face)\b|\b(?:swollen|puffy) (?:lips?|tongue|throat)\b/,
      /\bface (?:is )?(?:swelling|puffing|blowing) up\b|\banaphyla\w*/,
      /\b(?:used|gave|give|giving|given|need|needs|needed|administered|jabbed) (?:her |him |them |the |an? |his |my )?(?:epi-? ?pen|epinephrine|adrenaline|auvi-?q)\b/,
      /\b(?:hives|allergic|reaction)\b.{0,60}\b(?:wheez\w*|throat|tongue|lips?|face|swell\w*|swollen|breath\w*|faint\w*)|\bwheez\w*\b.{0,60}\b(?:hives|allergic|reaction)\b/,
    ],
  },
  // EMERG-CHILD-RASH — [MRF-SAFETYNET], [NHS-HT-3M+] "A rash that does not fade when pressed with a glass";
  // [CHOP-EMERG] "Neck stiffness or a rash with fever" → 911.
  {
    id: 'EMERG-CHILD-RASH',
    label: 'a rash that does not fade, or a rash with fever',
    patterns: [
      /\brash,? (?:that )?(?:does not|doesnt|dont|do not|wont|will not|didnt|did not|is not|isnt|not) (?:fade|go away|disappear|blanch|go white|change|fading)\b/,
      /\bnon-? ?blanching\b|\bglass test\b|\bpetechia\w*|\bpurpura\b/,
      /\b(?:purple|dark red|red-purple|purplish|pinprick|pin-prick) (?:spots|dots|rash|blotches|marks|bruises|bruising)\b/,
    ],
    resolvedBy: /\b(?:fade[sd]?|fading|went away|goes away|disappear\w*|blanch(?:es|ed)|turns? white|went white)\b/,
  },
  {
    id: 'EMERG-CHILD-RASH',
    label: 'a rash with fever',
    patterns: [/\brash\b/],
    requires: FEVER_WORD,
  },
  // EMERG-CHILD-HEAD — [CHOP-EMERG] "Severe bleeding or head trauma"; "A change in mental status like suddenly
  // becoming unusually sleepy or confused"; [ICS-911]. A bump alone is not an emergency; a bump plus these is.
  {
    id: 'EMERG-CHILD-HEAD',
    label: 'a head injury with warning signs',
    patterns: [
      /\b(?:hit|hits|bumped|banged|bonked|smacked|whacked|knocked|injured|hurt|fell on|landed on) (?:her |his |their |the |its )?head\b/,
      /\bhead (?:injury|trauma)\b/,
    ],
    requires:
      /\b(?:passed out|knocked out|unconscious|vomit\w*|throw(?:ing|n)? up|threw up|confused|wont wake|not waking|very sleepy|seizure|seizing|bleeding|blood|not acting (?:normal|right)|acting (?:weird|strange)|clear fluid|pupils)\b/,
  },
  {
    id: 'EMERG-CHILD-HEAD',
    label: 'a head injury with warning signs',
    patterns: [
      /\bhead trauma\b|\b(?:severe|serious|bad) head injury\b/,
      /\b(?:confused|not making sense|acting strange\w*|acting weird|not acting (?:normal|right|herself|himself)) after (?:a |the |her |his )?(?:fall|falling|hitting|bump|hit|accident)\b/,
    ],
  },
  // EMERG-CHILD-POISON — [CHOP-EMERG] "Swallowing a poisonous substance and not acting as usual" → 911;
  // breathing and acting normally → Poison Control 800-222-1222. The gate escalates both; the reply says which.
  {
    id: 'EMERG-CHILD-POISON',
    label: 'swallowing something poisonous',
    notSelf: true,
    patterns: [
      rx(
        '\\b(?:ate|eaten|eat|swallowed|swallow|drank|drunk|drink|got into|chewed|licked|sucked on|bit into|ingested|popped)\\b.{0,30}\\b',
        HOUSEHOLD_POISON,
        '\\b',
      ),
      rx('\\b(?:got into|into the)\\b.{0,25}\\b', MEDICINE, '\\b'),
      rx(
        '\\b(?:ate|swallowed|chewed|took|eaten)\\b.{0,20}\\b(?:my|your|grandpas|grandmas|grannys|nanas|dads|moms|mums|adult|some of the|',
        'a handful of|a bunch of|a few of|the whole|a whole|bottle of)\\b.{0,25}\\b',
        MEDICINE,
        '\\b',
      ),
      /\bpoison(?:ed|ing|ous)?\b|\boverdos(?:e|ed|ing)\b/,
      /\btoo much (?:tylenol|calpol|motrin|advil|nurofen|medicine|meds|paracetamol|ibuprofen|acetaminophen)\b/,
    ],
    // "took my pills" / "just took my morning meds" with no one else named is the sender's own daily dose
    // (grandpa texting), not a child in the medicine cabinet. "took all my pills" still fires.
    except:
      /\bfood poisoning\b|\bpoison (?:ivy|oak|sumac)\b|^(?:(?:i|ive|i have|just|finally|already|ok|okay)\s+)*(?:took|taken)\s+my\s+(?:(?:morning|evening|night|nighttime|bedtime|daily|usual|regular|am|pm)\s+)?(?:pills?|meds|medicine|medication|tablets?|vitamins)\b(?!.*\b(?:all|whole|bunch|handful|too many|extra)\b)/,
  },
  // EMERG-CHILD-BLEEDING — [CHOP-EMERG] "Bleeding that will not stop or a cut that's large, deep, or involves the
  // head, chest, or belly".
  {
    id: 'EMERG-CHILD-BLEEDING',
    label: 'bleeding that will not stop',
    patterns: [
      /\b(?:wont|will not|doesnt|does not|cant|cannot|can not|not|isnt|wouldnt|couldnt|hasnt|has not|havent) (?:stop|stopped|stopping) (?:the )?(?:bleeding|blood)\b/,
      /\b(?:bleeding|blood) (?:wont|will not|doesnt|does not|isnt|is not|not|hasnt|has not|keeps|still hasnt) (?:stop|stopping|stopped|going)\b/,
      /\bblood everywhere\b|\b(?:soak(?:ing|ed|s)?) (?:through )?(?:the |a |his |her |my )?(?:towels?|cloth|bandage|gauze|shirt)\b/,
      /\b(?:deep|large|big|huge|gaping) (?:cut|gash|wound|laceration)\b/,
      /\b(?:spurting|gushing|pouring|pumping) (?:out )?blood\b|\bblood (?:is )?(?:spurting|gushing|pouring|pumping)\b/,
      /\bbleeding (?:heavily|a lot|so much|badly|profusely)\b|\b(?:so much|lots of|a lot of) blood\b/,
      /\b(?:cut|gash|wound|laceration) (?:on|to|in|across) (?:her|his|their|the) (?:head|chest|belly|stomach|tummy|neck|abdomen)\b/,
    ],
    except: /\b(?:small|tiny|little|minor|paper) (?:cut|scratch|graze)\b/,
  },
  // EMERG-CHILD-DROWNING — [CHOP-EMERG] "nonfatal drowning (submersion injury)". "Drowning in laundry" is not.
  {
    id: 'EMERG-CHILD-DROWNING',
    label: 'a drowning or near-drowning',
    patterns: [
      /\bdrown(?:ed|ing|s)?\b/,
      /\b(?:face ?down|facedown) in (?:the )?(?:bath|tub|bathtub|pool|water|bucket|pond|lake|toilet)\b/,
      /\b(?:went|slipped|was|been|got) under (?:the )?water\b/,
      /\bfound (?:her|him|them|the baby|baby|\w+) (?:in|at the bottom of|floating in) (?:the )?(?:pool|pond|lake|river)\b/,
      /\b(?:pulled|fished|dragged) (?:her |him |them |the baby |baby )?(?:out of|from) (?:the )?(?:pool|pond|lake|river|sea|ocean)\b/,
    ],
    except: /\bdrown\w* (?:in|under) (?!(?:the )?(?:pool|bath|tub|bathtub|water|lake|pond|sea|ocean|river|bucket))/,
  },
  // EMERG-CHILD-OTHER-RED — [MRF-SAFETYNET] "Weak, high-pitched or continuous crying in a younger child", "Soft
  // spot on a baby's head is bulging", "Stiff neck", "Bloody or black 'coffee ground' sick". The same list's
  // "no wet nappy for 12 hours" is urgent_other, not emergency: §4.1 gate choice (see urgent.ts).
  {
    id: 'EMERG-CHILD-OTHER-RED',
    label: 'a red-flag sign (bulging soft spot, stiff neck, high-pitched cry or bloody vomit)',
    notSelf: true,
    patterns: [
      /\b(?:bulging|swollen|puffy|raised|tense) (?:soft ?spot|fontanelle?|fontanell)\b|\b(?:soft ?spot|fontanelle?) (?:is )?(?:bulging|swollen|puffy|raised|tense)\b/,
      /\b(?:weak|high-? ?pitched|continuous|continual|shrill) (?:cry|crying|cries|scream|screaming|wail\w*)\b|\bcrying continuously\b/,
      /\bstiff neck\b|\bneck (?:is |feels )?stiff\b|\bneck stiffness\b|\b(?:cant|cannot|wont|unable to) (?:bend|move|turn) (?:her|his|their) neck\b/,
      /\b(?:coffee-? ?grounds?|black|bloody) (?:sick|vomit|throw ?up|puke|spit-? ?up)\b|\b(?:vomiting|throwing up|puking|threw up|vomited|vomits) (?:up )?blood\b/,
      /\bblood in (?:her |his |the )?(?:vomit|sick|throw ?up|puke)\b/,
    ],
  },
]
