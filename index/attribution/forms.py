"""The reported-speech patterns of the rule table (attribution/rules.py), written readably from named pieces: who
reports, the verb, when and where it was said, and the words reported."""
from __future__ import annotations

import re

from ..cues import ADVERBS, BARE_GROUP, CUE, CUE_PAST, NAME, PARTICIPLE, SPEAKER, WEEKDAYS, run_name
from ..patterns import APPOSITIVE, DATELINE, PARTY
from ..lexicon import alternation

__all__ = ["ACCORDING", "AS_SAID", "AND_SAID", "AND_SAID_QUOTED", "BUT_SAID", "BUT_SAID_QUOTED", "CLAUSE_SAID", "CLAUSE_SAID_QUOTED", "INDIRECT",
           "SUBORDINATE_SAID",
           "MIDDLE", "RELATIVE", "THEN_SAID", "TRAIL"]

# --- the pieces the reported-speech patterns are built from, by name ---------------------------------------------
# A group opening the sentence: 'Public health experts', 'Many Republican voters' (the first word capitalised).
GROUP_START = rf"(?: [A-Z][a-z]+ \s+ (?: [A-Za-z][\w-]* \s+ ){{0,2}}? (?i: {alternation('group_nouns')} ) \b )"
# Someone's role between two names: 'Harbour Board spokesman Ivo Brant', 'Varga campaign manager Lena Morrow'.
_NOT_ROLE = r"(?! (?: on | in | at | to | for | with | from | by | and | or | of | the | who | which | that ) \b )"
TEAMED = rf"(?: {NAME} \s+ (?: {_NOT_ROLE} [a-z][\w-]* \s+ ){{1,3}} {NAME} )"
SP = rf"(?P<sp> {SPEAKER} | {GROUP_START} | {TEAMED} ) {PARTY}"  # the speaker, perhaps with a party: 'Sen. Ada Vell (D-Halland)'
_MEDIUM = r"(?:statement|interview|email|e-mail|tweet|speech|letter|post|release|conference\s+call|op-ed|memo)"
_EVENT = r"(?:news\s+conference|press\s+conference|rally|event|briefing|forum|hearing|town\s+hall|debate|meeting)"
WHEN_SAID = rf"""(?: ,?\s+ (?: in\s+(?:a|an|his|her|their|its)\s+(?:[a-z-]+\s+){{0,2}}{_MEDIUM}
                               | at\s+an?\s+(?:[a-z-]+\s+){{0,2}}{_EVENT} | on\s+(?:Twitter|Facebook|Instagram)
                               | (?:(?:late|early|on)\s+)?{WEEKDAYS}(?:\s+(?:night|morning|afternoon|evening))?
                               | (?:last|this|earlier\s+this)\s+(?:week|month|year) | yesterday | today ) ,? ){{0,2}}"""
# 'that' opens the words unless it is their subject: 'Christie said that was a natural part of ...'.
_THAT_SUBJECT = r"(?! \s+ (?: was | is | were | are | would | will | has | had | could | should | wasn | isn | doesn | didn | won ) \b )"
THAT = rf"(?: \s+ (?: that {_THAT_SUBJECT} | how | why | whether ) )?"
PROGRESSIVE = r"(?: (?: is | are | was | were ) \s+ (?= calling | talking ) )?"  # 'Ana Pell is calling for ...'
CONTENT = r"(?P<content> \S.*? ) [.!?]? $"
LEAD_CLAUSE = r"(?: [^,“”\"]{0,60} ,\s+ )?"  # 'In a speech on Monday, '
# 'at the time', 'during his speech': where or when something was said, which no report's words are alone.
_WHERE = r"(?: in | at | during | on | after | before | while | when | from ) \s (?: (?! that \b ) [^,;“”\"\n] ){0,60}?"

ACCORDING = re.compile(rf"""
    ^ \(? (?: (?: In\s+addition | However | Moreover | Meanwhile | Still | Also | Indeed | Instead | Now | Yet | But | And | So
           | Separately | Overall | (?:In|On|At|By|Last|This|Since|For)\s+[\w.]+(?:\s+[\w.]+)? ) ,\s+ )?  # 'In addition, '
    (?P<acc> [Aa]ccording\s+to ) \s+ (?P<sp> [^,]{{2,150}} ) ,\s+ {CONTENT}""", re.X | re.S)
# 'As the Halvard Courier reported, the pier will close': the source named in an opening 'as' clause.
AS_SAID = re.compile(rf"""
    ^ (?P<paren> \( )? (?: (?: But | And | However | Yet | So | Still | Indeed | Now ) ,? \s+ )? [Aa]s \s+
    (?P<sp> {SPEAKER} | {GROUP_START} ) {PARTY} \s+ {ADVERBS} (?P<cue> {CUE} ) {WHEN_SAID} ,\s+
    (?P<content> \S.*? ) [.!?]? (?(paren) \) [.!?]? ) $""", re.X | re.S)
INDIRECT = re.compile(rf"""
    ^ {DATELINE} {LEAD_CLAUSE} {SP} {APPOSITIVE} \s+ {ADVERBS} {PROGRESSIVE} (?P<cue> {CUE} ) {WHEN_SAID} {THAT} \s+ {CONTENT}""",
                      re.X | re.S)
# 'X met the families and said (that) ...': the subject's second verb; what comes between holds no quotation and no comma.
# A content that opens a clause: 'and said little', 'and declared himself' hold no statement.
_OPENS_CLAUSE = (r"(?= (?: that | how | why | whether ) \s | (?!(?:his|her|their|its|him|himself|herself|themselves|little|"
                 r"nothing|who|what|to|on|in|about|for|with)\b) [A-Za-z] )")
AND_SAID = re.compile(rf"""
    ^ {DATELINE} {LEAD_CLAUSE} {SP} {APPOSITIVE} (?<!\bThe)(?<!\bOther)(?<!\bSome)(?<!\bMany)(?<!\bEach) \s+ (?P<did> [a-z][^,;“”"\n]{{2,150}}? ) ,? \s+ (?:and|but) \s+ {ADVERBS}
    (?P<cue> {CUE_PAST} ) {WHEN_SAID} \s+ {_OPENS_CLAUSE} (?: (?: that | how | why | whether ) \s+ )? {CONTENT}""",
                      re.X | re.S)
# The same in a sentence a quotation claimed: what the subject did may quote ('X called them “crazy” and said ...').
AND_SAID_QUOTED = re.compile(AND_SAID.pattern.replace('(?P<did> [a-z][^,;“”"\\n]{2,150}? )', r'(?P<did> [a-z][^,;\n]{2,150}? )'),
                             re.X | re.S)
# After a statement found, 'and said (that) ...' with no subject of its own: the same speaker's second statement
# (reported.py gives it the rule 'and-said': 'Ana Pell tweeted a photograph of the pier and said it had been shut').
THEN_SAID = re.compile(rf"""
    ^ ,? \s* (?:and|but) \s+ {ADVERBS} (?P<cue> {CUE_PAST} ) {WHEN_SAID} \s+ {_OPENS_CLAUSE}
    (?: (?: that | how | why | whether ) \s+ )? {CONTENT}""", re.X | re.S)
# '..., but officials said (that) ...': a second clause whose subject reports; the first holds no quotation.
BUT_SAID = re.compile(rf"""
    ^ [^“”"\n]{{10,300}}? ,\s+ (?:and|but) \s+ (?P<sp> {SPEAKER} | {GROUP_START} | {BARE_GROUP} ) {PARTY} {APPOSITIVE} \s+
    {ADVERBS} (?P<cue> {CUE} ) {WHEN_SAID} {THAT} \s+
    {_OPENS_CLAUSE} {CONTENT}""", re.X | re.S)
# 'At a meeting of the caucus, of which he is a member, Grayson argued that ...': a long opening clause, then the report
# (no quotation in it: a quotation's sentence is the direct rules').
CLAUSE_SAID = re.compile(rf"""
    ^ [^“”"\n]{{10,300}}? ,\s+ (?P<sp> {SPEAKER} | {GROUP_START} | {BARE_GROUP} ) {PARTY} {APPOSITIVE} \s+
    {ADVERBS} (?P<cue> {CUE} ) {WHEN_SAID} {THAT} \s+ {_OPENS_CLAUSE} (?! {_WHERE} [.!?]? $ ) (?P<content> [^“”"\n]+? ) [.!?]? $""",
                         re.X | re.S)
# '..., while Ana Pell has vowed to keep the ferry', '... after the board announced it would close the pier': a report
# in a subordinate clause of a sentence that reports nothing before it (its words end with the clause).
SUBORDINATE_SAID = re.compile(rf"""
    ^ [^“”"\n]{{10,300}}? (?: ,\s+ (?: while | when | as | though | although | after | because | since | where | whereas )
                           | \s+ (?: while | when | after | because | since | although | though | whereas ) ) \s+
    (?P<sp> {SPEAKER} | {GROUP_START} | {BARE_GROUP} ) {PARTY} \s+ {ADVERBS} (?P<cue> {CUE} ) {WHEN_SAID} {THAT} \s+
    {_OPENS_CLAUSE} (?! {_WHERE} [.!?]? $ ) (?P<content> [^“”"\n]+? ) [.!?]? $""", re.X | re.S)
# The same in a sentence a quotation claimed: the words may run into the quotation (reported.py ends them before it).
CLAUSE_SAID_QUOTED = re.compile(CLAUSE_SAID.pattern.replace('[^“”"\\n]+?', r"[^\n]+?"), re.X | re.S)
# '“...,” X said, but he said (that) ...': the first clause may hold the quotation (reported.py keeps the words clear of it).
BUT_SAID_QUOTED = re.compile(BUT_SAID.pattern.replace('[^“”"\\n]{10,300}?', r"[^\n]{10,300}?", 1), re.X | re.S)
# After a trailing attribution, a participle's clause, which is a statement of its own (the 'participle' rule's):
# '..., Varga said, adding that ...'.
# A role written before the speaker: ', says political scientist Ivo Brant', ', current and former officials said'.
_ROLE = rf"(?: (?: {_NOT_ROLE} (?!(?:his|her|their|its|itself|into|said|says|say)\b) (?![a-z]+(?:ly|ed)\b) [a-z][\w-]* \s+ ){{0,3}}? )"
_THEN_PARTICIPLE = rf"(?: ,\s+ (?={PARTICIPLE}\b) [^\n]*? )?"
# The comma may sit inside a quotation's closing marks: '... to a “root canal,” according to Axelrod’s memoir'.
TRAIL = re.compile(rf"""
    ^ (?P<content> .+? ) , (?: (?: '' | [’”"] ) (?= \s+ according \s+ to \b ) )? \s+
    (?: (?P<cue1> {CUE_PAST} ) \s+ (?P<sp1> {TEAMED} | {SPEAKER} | {_ROLE} (?=[A-Z]) {SPEAKER} | {_ROLE} {BARE_GROUP} ) {PARTY} (?: ,\s* (?P<app1> [^,]{{2,120}}? (?: ,\s*[^,]{{2,80}}? ){{0,2}} ) )?   # ', said X, a ..., of ...'
      | (?P<sp> {TEAMED} | {SPEAKER} | {_ROLE} (?=[A-Z]) {SPEAKER} | {_ROLE} {BARE_GROUP} ) {PARTY} \s+ {ADVERBS} (?P<cue> {CUE} ) {WHEN_SAID}  # ', X said (Monday)'
      | (?P<acc> according\s+to ) \s+ (?P<sp2> [^,]+? ) (?: ,\s* (?P<app> [^,]{{2,120}}? ) )?              # ', according to X'
    ) {_THEN_PARTICIPLE} [.!?]? $""", re.X | re.S)
MIDDLE = re.compile(rf"""
    ^ (?P<content> (?P<head> [^,“”"]{{2,}}? ) ,\s+
        (?: (?P<sp> {SPEAKER} | {BARE_GROUP} ) \s+ {ADVERBS} (?P<cue> {CUE} )
          | (?P<acc> according\s+to ) \s+ (?P<sp2> [^,]{{2,80}}? ) )
        ,\s+ (?!{PARTICIPLE}\b) (?P<tail> \S.*? ) ) [.!?]? $""", re.X | re.S)
# '..., Ivo Brant, who said the wall would hold, ...', 'harbour workers who say the pier is unsafe': a relative clause's
# statement, beside whatever the sentence says itself; its words end at the clause's comma. A verb other than say or
# tell needs 'that' ('who argued a case', 'who pledged to', 'who declared victory' say nothing).
LOWER = r"[a-z][\w-]*"
_SHARE = r"(?: \d+(?:\.\d+)? \s* (?: % | percent ) | (?: \d+ | [a-z]+ ) \s+ in \s+ (?: 10 | ten ) )"  # '18% who say'

# verbs whose object is what was said; told whom: 'told reporters', 'told POLITICO', 'told The Harbour Courier'
SAY = r"(?: say | says | said | (?: told | tells ) \s+ (?: (?: [Tt]he \s+ )? [A-Z][\w’'&.-]* (?: \s+ [A-Z][\w’'&.-]* ){0,3} | [a-z]+ ) )"
_RELATIVE_NAME = run_name(r"[^\w’'-]", short=False)  # not from inside a run of capitalised words (issue 18)
RELATIVE = re.compile(rf"""
    (?<![\w’'-]) (?P<sp> {_RELATIVE_NAME} | (?:(?!(?:and|or|of|to|by|from|with|for|in|on|at)\s){LOWER}\s+){{0,2}}{LOWER}s | [Tt]hose
                       | {_SHARE} )
    (?: ,\s+ | \s+ )
    who \s+ {ADVERBS} (?: (?P<cue> {CUE} ) \s+ that | (?P<cue_> {SAY} ) {THAT} ) \s+
    (?P<content> [^“”"\n]{{1,400}}? ) \s* (?= ,\s | [.!?;]?\s*$ | [.!?;]\s | \s[—–]\s )""", re.X)  # bounded: linear
