"""Who did it and to whom: source and target actors from the dependency parse.

Verb events take their subject as source and object (or "against/on X") as target; passives
swap that ("were killed by X"). Noun events ("Iran's airstrikes on X") take a possessor or a
"by" phrase, else the subject of the light verb that carries them ("Pakistan launched attacks").
Pronouns resolve to the speaker of the reporting verb or the last actor named before.

Where each decision lives:

    verbs.py, nouns.py  the entry points: the order in which the decisions below are tried
    sources.py          who did it (subjects, agents, the hand inside an event noun)
    targets.py          to whom (objects, undergoers of passives, recipients, places acted on)
    sides.py            two-sided acts: the two parties named together ("Iran, Iraq clashes")
    claims.py           claims of responsibility, reported enemy losses, complaints
    demands.py          "X says Y must ...": X demands of Y
    countries.py        home-only parties, fire across a contested line
    naming.py           which actor a phrase names: pronouns, inner parties, residence, former office
    syntax.py           shared readings of the parse (no decisions)
    context.py          what comes from outside the sentence: trigger marks, the discourse
"""

from eventwire.events.roles.context import TRIGGER_FLAG, RoleContext
from eventwire.events.roles.naming import resolve_token
from eventwire.events.roles.nouns import noun_roles
from eventwire.events.roles.verbs import verb_roles

__all__ = ["TRIGGER_FLAG", "RoleContext", "noun_roles", "resolve_token", "verb_roles"]
