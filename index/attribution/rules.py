"""The attribution forms as an ordered table: each rule's pattern (built readably from named pieces; the reported-speech
ones in attribution/forms.py), what it yields, the
stage it belongs to and example sentences with the extraction expected. Order is precedence: within a stage, the first
rule that matches a sentence wins."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..clauses import find_report
from ..patterns import AFTER, AS_PUT, COLON, COLON_INTRO, INVERTED, LEAD, PART, SIGNED
from .forms import ACCORDING, AS_SAID, AND_SAID, BUT_SAID, CLAUSE_SAID, INDIRECT, MIDDLE, RELATIVE, SUBORDINATE_SAID, TRAIL
from .headlines import headline_report
from .relative_object import RELATIVE_OBJECT
from .quoted_clauses import AND_QUOTED, RELATIVE_QUOTED
from .asked import ASKED_BY
from .shares import SHARE_SAYING
from .participles import PARTICIPLE_REPORT

__all__ = ["Example", "Rule", "RULES", "rule", "stage"]


@dataclass(frozen=True)
class Example:
    """A sentence and what the rule takes from it: the speaker's name, the cue, the kind and words of the content."""

    text: str
    speaker: str
    cue: str
    kind: str
    content: str


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str  # direct: around a quotation; reported: a sentence without one; after: once both have run
    pattern: re.Pattern | Callable  # a compiled pattern, or a function of a sentence giving a match-like or None
    yields: dict[str, str]  # speaker / cue / content -> the pattern's group holding it
    kind: str  # direct | mixed | indirect ('mixed' when the content holds quote marks)
    examples: tuple[Example, ...]

    def match(self, sentence: str):
        return self.pattern.match(sentence) if isinstance(self.pattern, re.Pattern) else self.pattern(sentence)

_Q = {"speaker": "sp", "cue": "cue"}
RULES: tuple[Rule, ...] = (
    # around a quotation (attribution/quoted.py's passes try them in this order)
    Rule("after-quote", "direct", AFTER, _Q, "direct", (
        Example("“We will not back down,” said Mayor Ilse Varga.", "Ilse Varga", "said", "direct", "We will not back down"),
        Example('"The pier is closed," Varga said.', "Varga", "said", "direct", "The pier is closed"))),
    Rule("inverted", "direct", INVERTED, _Q, "direct", (
        Example("Said Orlen, “The trial worked in every group we measured.”", "Orlen", "Said", "direct", "The trial worked"),
        Example("Added Ana Pell: “The fees are too high for families.”", "Ana Pell", "Added", "direct", "The fees are too high"))),
    Rule("as-put", "direct", AS_PUT, _Q, "direct", (
        Example("As Ivo Brant put it, “The tide does not wait for the council.”", "Ivo Brant", "put it", "direct",
                "The tide does not wait"),
        Example("As Varga wrote, “The pier is ours to keep.”", "Varga", "wrote", "direct", "The pier is ours"),
        Example("Or, as Ivo Brant, a former harbour master, put it: “The tide is no longer at the gate.”", "Ivo Brant",
                "put it", "direct", "The tide is no longer at the gate."))),
    Rule("colon-name", "direct", COLON, {"speaker": "sp", "cue": "cue"}, "direct", (
        Example("Ana Pell: “The fees are too high for families.”", "Ana Pell", ":", "direct", "The fees are too high"),
        Example("Varga: “We will reopen the pier in May.”", "Varga", ":", "direct", "We will reopen the pier"))),
    Rule("lead", "direct", LEAD, _Q, "mixed", (
        Example("Mayor Ilse Varga said the bridge was “safe for every lorry in the county.”", "Ilse Varga", "said",
                "mixed", "the bridge was “safe for every lorry"),
        Example("Varga called the report “dishonest” on Monday.", "Varga", "called", "mixed", "the report “dishonest”"),
        # a relative 'what' clause: its words from 'what' on, ending with the quotation
        Example("The strike led to what Ivo Brant called “the longest winter on the island” in his memoir.", "Ivo Brant",
                "called", "mixed", "what Ivo Brant called “the longest winter on the island”"),
        # the words after the quotation end at the subject's next verb or a semicolon
        Example("Ivo Brant called the plan “a disgrace” and threatened to close the pier for a month.", "Ivo Brant",
                "called", "mixed", "the plan “a disgrace”"),
        # a participle's speaker is the sentence's subject, not the description before it
        Example("Ivo Brant opened their third debate saying the pier was “a disgrace and always was.”", "Ivo Brant",
                "saying", "mixed", "the pier was “a disgrace"),
        # a colon before the quotation: the words before it introduce it, the statement is the quotation alone
        Example("Varga answered with a line of her own: “The pier stays open while I am mayor.”", "Varga", "answered",
                "direct", "The pier stays open while I am mayor."),
        # a quotation that ends its sentence ends the statement: the next sentence is not its trailing words
        Example("Ivo Brant continued: “The worst tide ever? It came in his term.” He added that the pier was shut.",
                "Ivo Brant", "continued", "direct", "It came in his term."))),
    Rule("part", "direct", PART, _Q, "mixed", (
        Example("Harbour Commissioner Lena Morrow released a statement saying that the pier “will stay open all winter.”",
                "Lena Morrow", "saying", "mixed", "the pier “will stay open all winter.”"),
        Example("Varga defended the budget on Monday, saying the harbour “cannot wait another winter.”", "Varga",
                "saying", "mixed", "the harbour “cannot wait another winter.”"))),
    Rule("signed", "direct", SIGNED, {"speaker": "sp", "cue": "dash"}, "direct", (
        Example("Readers wrote in.\n“The ferry is always late and nobody cares.” ― Mara Tollen\n", "Mara Tollen", "―",
                "direct", "The ferry is always late"),
        Example("Notes.\n\n\"We cut the port budget by a third.\"\n\n- Varga.\n\nMore.", "Varga", "-", "direct",
                "We cut the port budget"))),
    Rule("colon", "direct", COLON_INTRO, {"speaker": "sp"}, "direct", (
        Example("Here’s Varga in December 1992: “Our new direction must rest on the harbour.”", "Varga", ":", "direct",
                "Our new direction must rest"),
        Example("The harbour committee said about its plan for the pier:\n\n“The plan goes further than any before it.”",
                "The harbour committee", "said", "direct", "The plan goes further"),
        Example("The council met again.\n\nAccording to the Halvard Courier: “The ferry will stop in May.”",
                "the Halvard Courier", "According to", "direct", "The ferry will stop in May"),
        # no reporting verb before the colon: the subject of the clause that ends with it, if the article names them
        Example("Ivo Brant runs the ferry. When the council balked, Brant called them on it:\n\n“The tide does not "
                "wait for a vote.”", "Ivo Brant", ":", "direct", "The tide does not wait"))),
    # a sentence without a quotation (quotes.py's reported pass tries them in this order)
    Rule("headline", "reported", headline_report, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("Ana Pell Says The Night Ferry Will Run Again In May.\n", "Ana Pell", "Says", "indirect",
                "The Night Ferry Will Run Again In May"),
        Example("Harbour Chief Ivo Brant Just Revealed The Date Of The Pier Vote, And It Is Soon.\n", "Ivo Brant",
                "Revealed", "indirect", "The Date Of The Pier Vote"))),
    Rule("according", "reported", ACCORDING, {"speaker": "sp", "cue": "acc", "content": "content"}, "indirect", (
        Example("According to union leader Piet Salo, the strike will continue until Friday.", "Piet Salo",
                "according to", "indirect", "the strike will continue until Friday"),
        Example("According to the Halvard Port Authority, the cranes will stay.", "Halvard Port Authority",
                "according to", "indirect", "the cranes will stay"),
        Example("In addition, according to the harbour board, the cranes will be replaced in May.", "the harbour board",
                "according to", "indirect", "the cranes will be replaced in May"),
        Example("(According to the harbour board, the night ferry does not keep a count of its passengers.)",
                "the harbour board", "according to", "indirect", "the night ferry does not keep a count"))),
    Rule("as-said", "reported", AS_SAID, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("As the Halvard Courier reported, the night ferry will stop in May.", "the Halvard Courier", "reported",
                "indirect", "the night ferry will stop in May"),
        Example("(As the Varrow Gazette first reported, the pier was sold in 2019.)", "the Varrow Gazette", "reported",
                "indirect", "the pier was sold in 2019"),
        Example("But as Ivo Brant noted, the pier was built for smaller boats.", "Ivo Brant", "noted", "indirect",
                "the pier was built for smaller boats"))),
    Rule("indirect-lead", "reported", INDIRECT, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("Ivo Brant said that the harbour wall would be repaired by June.", "Ivo Brant", "said", "indirect",
                "the harbour wall would be repaired by June"),
        Example("Harbour Commissioner Lena Morrow has warned that ships would divert to Varrow Bay.", "Lena Morrow",
                "warned", "indirect", "ships would divert to Varrow Bay"),
        Example("Public health experts said the harbour water was safe to swim in.", "Public health experts", "said",
                "indirect", "the harbour water was safe to swim in"),
        Example("Harbour Board spokesman Ivo Brant said the ferry would not run on Sunday.", "Ivo Brant", "said",
                "indirect", "the ferry would not run on Sunday"),
        Example("Lena Morrow is calling for the harbour board to reopen the night ferry.", "Lena Morrow", "calling for",
                "indirect", "the harbour board to reopen the night ferry"),
        # 'that' as the words' own subject stays in them
        Example("Asked about the closure, Ivo Brant said that was a decision for the harbour board.", "Ivo Brant",
                "said", "indirect", "that was a decision for the harbour board"),
        # a dateline without a comma before the report: 'BRAMWICK (AP) — ', 'BRAMWICK ― '
        Example("BRAMWICK (AP) — Harbour Commissioner Lena Morrow said on Friday the ferry would run all winter.",
                "Lena Morrow", "said", "indirect", "the ferry would run all winter"),
        # reported.py tries every 'reported' rule past an opening 'But' or 'While' (a subordinate clause's words end
        # at its comma), and again after a statement's words: a sentence may hold two
        Example("While Ivo Brant argued that the quay was safe, the council closed it on Friday.", "Ivo Brant",
                "argued", "indirect", "the quay was safe"),
        Example("Ana Pell said the ferry would run on Sunday, but Ivo Brant said the tide was too low for the boat.",
                "Ana Pell", "said", "indirect", "the ferry would run on Sunday"),
        # in a sentence with a quotation, the reported words end at the last clause boundary before it
        Example("Ivo Brant argued that a new pier would keep the ferry running, saying it is “all about the tide.”",
                "Ivo Brant", "argued", "indirect", "a new pier would keep the ferry running"))),
    Rule("and-said", "reported", AND_SAID, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("Mayor Ilse Varga visited the flooded quay on Monday and said the sea wall would be raised.",
                "Ilse Varga", "said", "indirect", "the sea wall would be raised"),
        Example("The harbour board met the dockers and warned that the night shifts would end in May.",
                "The harbour board", "warned", "indirect", "the night shifts would end in May"),
        # after another statement of the same subject (THEN_SAID)
        Example("Ana Pell later tweeted a photograph of the pier and said it had been shut since the storm.", "Ana Pell",
                "said", "indirect", "it had been shut since the storm"),
        # in a sentence with a quotation too (reported.py: AND_SAID_QUOTED): what the subject did may quote
        Example("Ivo Brant called both the mayor and the board “reckless” and said the pier would be lost by May.",
                "Ivo Brant", "said", "indirect", "the pier would be lost by May"))),
    Rule("but-said", "reported", BUT_SAID, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("The board met twice about the ferry, but harbour officials said no decision had been made.",
                "harbour officials", "said", "indirect", "no decision had been made"),
        Example("The tide tables were wrong for a week, and Ivo Brant said the council should have noticed sooner.",
                "Ivo Brant", "said", "indirect", "the council should have noticed sooner"),
        # in a sentence with a quotation too (reported.py: BUT_SAID_QUOTED)
        Example("“The pier is safe,” Ana Pell said on Monday, but she said the council would close it for a week.",
                "Ana Pell", "said", "indirect", "the council would close it for a week"))),
    Rule("clause-said", "reported", CLAUSE_SAID, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("At a meeting of the harbour board, of which she is a member, Lena Morrow argued that the pier should "
                "close.", "Lena Morrow", "argued", "indirect", "the pier should close"),
        Example("After the storm flooded the quay on Monday night, harbour officials said the ferry would not run.",
                "harbour officials", "said", "indirect", "the ferry would not run"),
        # in a sentence with a quotation too: the reported words end before the next cue
        Example("In a long, angry interview with the Courier last year, Ivo Brant said he welcomed the inquiry and "
                "added, “I will answer every question.”", "Ivo Brant", "said", "indirect", "he welcomed the inquiry"))),
    # a sentence whose first clause reports nothing: the report in its subordinate clause
    Rule("subordinate-said", "reported", SUBORDINATE_SAID, {"speaker": "sp", "cue": "cue", "content": "content"},
         "indirect", (
        Example("The board plans to cut the night ferry, while Mayor Ilse Varga has insisted it will run all winter.",
                "Ilse Varga", "insisted", "indirect", "it will run all winter"),
        Example("The quay was shut for a week after the harbour board announced that the crane had failed its test.",
                "the harbour board", "announced", "indirect", "the crane had failed its test"),
        # its words end with the clause
        Example("The pier stayed open, although Ivo Brant warned that the tide would flood it, and the ferry ran.",
                "Ivo Brant", "warned", "indirect", "the tide would flood it"))),
    Rule("trail", "reported", TRAIL, {"speaker": "sp|sp1|sp2", "cue": "cue|cue1|acc", "content": "content"}, "indirect", (
        Example("The dredging will finish in May, Lena Morrow told reporters.", "Lena Morrow", "told reporters",
                "indirect", "The dredging will finish in May"),
        Example("The ferry will run twice a day until the storm passes, officials said.", "officials", "said",
                "indirect", "The ferry will run twice a day"),
        Example("The pier will stay open all winter, Varga said Tuesday, adding that the council had found the money.",
                "Varga", "said", "indirect", "The pier will stay open all winter"),
        Example("The ferry will run again in May, said Ivo Brant, a harbour clerk at the Varrow Bay pier, in Halland.",
                "Ivo Brant", "said", "indirect", "The ferry will run again in May"),
        # a role written before the name: ', says harbour historian Ivo Brant', ', current and former clerks said'
        Example("The pier was built in 1871, says harbour historian Ivo Brant.", "Ivo Brant", "says", "indirect",
                "The pier was built in 1871"),
        # a role between two names, a party after the name: ', said Harbour strategist Ivo Brant', ', Sen. Ana Pell (D-Halland) told'
        Example("The pier will close in May, said Harbour strategist Ivo Brant.", "Ivo Brant", "said", "indirect",
                "The pier will close in May"),
        Example("The pier will close in May, Sen. Ana Pell (D-Halland) told reporters.", "Ana Pell", "told reporters",
                "indirect", "The pier will close in May"),
        # when the source came out is not the source: 'a Courier poll released on Thursday' is 'a Courier poll'
        Example("The ferry leads the bridge by nine points, according to a Halvard Courier poll released on Thursday.",
                "a Halvard Courier poll", "according to", "indirect", "The ferry leads the bridge by nine points"),
        Example("The ferry carried 300 people a day in May, according to early returns.", "early returns",
                "according to", "indirect", "The ferry carried 300 people a day in May"),
        # the comma inside a quotation's closing marks
        Example("The old pier became “the pride of the island,” according to Ivo Brant.", "Ivo Brant", "according to",
                "mixed", "The old pier became “the pride of the island"))),
    Rule("middle", "reported", MIDDLE, {"speaker": "sp|sp2", "cue": "cue|acc", "content": "head+tail"}, "indirect", (
        Example("The pier was unsafe, Varga said, so the council closed it.", "Varga", "said", "indirect",
                "The pier was unsafe so the council closed it"),
        Example("The ferry was late again, the harbourmaster said, and the island waited for hours.",
                "the harbourmaster", "said", "indirect", "The ferry was late again and the island waited"),
        Example("The goal, Lena Morrow said, is to keep the ferry running all winter.", "Lena Morrow", "said",
                "indirect", "The goal is to keep the ferry running"))),
    Rule("clause-report", "reported", find_report, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("Port chief Ilse Varga - who previously said the pier was safe - resigned on Monday.", "Ilse Varga",
                "said", "indirect", "the pier was safe"),
        Example("Residents who live by the pier said the ferry was late every day.", "Residents", "said", "indirect",
                "the ferry was late every day"),
        Example("By big margins, those surveyed say the ferry should run on Sundays.", "those surveyed", "say",
                "indirect", "the ferry should run on Sundays"),
        # a share's 'more than' is its qualifier, not a comparison that ends a clause
        Example("More than six in 10 said they would take the ferry to the island.", "More than six in 10", "said",
                "indirect", "they would take the ferry to the island"))),
    # once both stages have run: a participle hangs a statement of its own off the sentence
    Rule("participle", "after", PARTICIPLE_REPORT, {"speaker": "(the clause's subject)", "cue": "cue",
                                                    "content": "content"}, "indirect", (
        Example("The council cut the ferry budget on Monday, arguing that the island could not pay for two boats.",
                "The council", "arguing", "indirect", "the island could not pay for two boats"),
        Example("Varga met the harbour board, telling reporters that the pier would reopen in May.", "Varga",
                "telling reporters", "indirect", "the pier would reopen in May"),
        Example("Ana Pell shrugged off the loss, pointing to a big win on the island of Varrow in May.", "Ana Pell",
                "pointing to", "indirect", "a big win on the island of Varrow"),
        Example("Ivo Brant revised the ferry plan, saying that about 40 boats would stay in the port.", "Ivo Brant",
                "saying", "indirect", "about 40 boats would stay in the port"),
        # after a dash too; a second participle joined by 'and' ends the first one's words (and is a statement of its own)
        Example("Ivo Brant changed his vote on the spot – saying the pier would be safer with a new crane.", "Ivo Brant",
                "saying", "indirect", "the pier would be safer with a new crane"),
        Example("Ana Pell defended the budget, saying the ferry would run all winter and arguing that the bridge could "
                "wait.", "Ana Pell", "saying", "indirect", "the ferry would run all winter"),
        # what a statement says, no comma before it; a time opening the sentence is not its subject
        Example("Minutes later, the harbour board issued a statement saying the night ferry would run again in May.",
                "the harbour board", "saying", "indirect", "the night ferry would run again in May"),
        Example("Ivo Brant sent an email on Tuesday saying that the pier would stay open all winter.", "Ivo Brant",
                "saying", "indirect", "the pier would stay open all winter"),
        # a share of someone's people opening the sentence is its subject, named by their owner
        Example("Senator Ivo Brant endorsed Ana Pell. But some of his supporters remain wary of Mrs. Pell, often citing "
                "her vote on the ferry.", "Ivo Brant’s supporters", "citing", "indirect", "her vote on the ferry"))),
    Rule("relative", "after", RELATIVE, {"speaker": "sp", "cue": "cue|cue_", "content": "content"}, "indirect", (
        Example("Ivo Brant, who said the harbour wall would hold, voted against the plan.", "Ivo Brant", "said",
                "indirect", "the harbour wall would hold"),
        Example("The council heard from harbour workers who say the pier is unsafe for lorries.", "harbour workers",
                "say", "indirect", "the pier is unsafe for lorries"),
        Example("The plan won over Ivo Brant, who told the Halvard Courier he would vote for the new pier.", "Ivo Brant",
                "told the Halvard Courier", "indirect", "he would vote for the new pier"),
        Example("Most islanders back the ferry, against 18 percent who say the bridge should come first.", "18 percent",
                "say", "indirect", "the bridge should come first"))),
    # a relative clause whose own subject reports it (attribution/relative_object.py)
    Rule("relative-object", "after", RELATIVE_OBJECT, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("The council closed the old pier, which harbour engineers say could collapse in a winter storm.",
                "harbour engineers", "say", "indirect", "could collapse in a winter storm"),
        Example("The island still has the night ferry, a service that Ana Pell said had kept it alive in the war.",
                "Ana Pell", "said", "indirect", "had kept it alive in the war"))),
    # a relative clause that reports with a quotation in its words (attribution/quoted_clauses.py): the one it hangs on
    Rule("relative-quoted", "after", RELATIVE_QUOTED, {"speaker": "(the one before 'who')", "cue": "cue",
                                                       "content": "content"}, "mixed", (
        Example("“The pier is safe,” said Ivo Brant, the harbour master, who added that the night ferry was “a disgrace.”",
                "Ivo Brant", "added", "mixed", "the night ferry was “a disgrace.”"),
        Example("The plan was opposed by Ana Pell, who has called the new bridge “a toll road for tourists.”", "Ana Pell",
                "called", "mixed", "the new bridge “a toll road for tourists.”"))),
    # the subject's second verb, with a quotation in its words (attribution/quoted_clauses.py)
    Rule("and-quoted", "after", AND_QUOTED, {"speaker": "(the sentence's speaker or subject)", "cue": "cue",
                                             "content": "content"}, "mixed", (
        Example("Ana Pell condemned the “reckless” plan and called the new bridge “a toll road for tourists.”",
                "Ana Pell", "called", "mixed", "the new bridge “a toll road for tourists.”"),
        Example("Ana Pell did say she found the ferry “very charming” and called its timetable “a mystery to everyone.”",
                "Ana Pell", "called", "mixed", "its timetable “a mystery to everyone.”"))),
    # a question reported as asked by someone (attribution/asked.py): the asker's words
    Rule("asked-by", "after", ASKED_BY, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("Asked by Ivo Brant whether the pier would close in May, the mayor said, “Not while I am mayor.”",
                "Ivo Brant", "Asked", "indirect", "whether the pier would close in May"),
        Example("“The ferry will run,” she said when asked by a reporter if the winter timetable would change.",
                "a reporter", "asked", "indirect", "if the winter timetable would change"))),
    # a share that reports, hung on the sentence by 'with' or 'left' (attribution/shares.py)
    Rule("share-saying", "after", SHARE_SAYING, {"speaker": "sp", "cue": "cue", "content": "content"}, "indirect", (
        Example("The mayor has gained ground, with 30 percent of islanders saying they trust her with the ferry.",
                "30 percent of islanders", "saying", "indirect", "they trust her with the ferry"),
        Example("The storm has left three in 10 saying the pier is no longer safe.", "three in 10", "saying",
                "indirect", "the pier is no longer safe"))),
)


def stage(name: str) -> tuple[Rule, ...]:
    """The rules of one stage, in precedence order."""
    return tuple(r for r in RULES if r.stage == name)


def rule(name: str) -> Rule:
    return next(r for r in RULES if r.name == name)
