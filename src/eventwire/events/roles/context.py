"""What role finding is given from outside the sentence: the detector's mark on trigger
tokens, and the article so far (the actor resolver, the segment offset, the actors already
named, for pronouns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.model import Actor

TRIGGER_FLAG = "ew_trigger"


def is_trigger(tok: Token) -> bool:
    """Set by detection on the tokens it took as event words."""
    return bool(tok.doc.user_data.get(TRIGGER_FLAG, set()) & {tok.i})


@dataclass
class RoleContext:
    """What roles need beyond the sentence: the resolver, offsets, the discourse so far."""

    resolver: object  # eventwire.actors.ActorResolver
    offset: int = 0  # where the parsed segment starts in the article text
    recent: list[Actor] = field(default_factory=list)  # actors named earlier, most recent last
    # the article's place names as (start, end, ISO-3 country): a name the dictionaries find
    # inside a place name gives no country ("Dera Ismail Khan" is no Ismail Khan)
    places: tuple[tuple[int, int, str], ...] = ()

    # where in the article the actors named as the doers of acts and those named as whom acts
    # were done to stand: "they" who act in the next sentence are the doers of the last act,
    # not its victims, nor those who only spoke of it (remembered with no role)
    roles_at: dict[str, set[int]] = field(default_factory=lambda: {"agent": set(), "patient": set()})

    def remember(self, actor: Actor | None, role: str | None = "agent") -> None:
        if actor is not None and (actor.country or actor.sector):
            self.recent.append(actor)
            del self.recent[:-8]
            if role is not None and actor.start is not None:
                self.roles_at[role].add(actor.start)

    def named_as(self, actor: Actor, role: str) -> bool:
        return actor.start in self.roles_at[role]
