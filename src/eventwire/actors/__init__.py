"""Actors stage: dictionary matching and resolution of noun phrases to country ISO-3 + sector."""

from eventwire.actors.codes import CameoCodes
from eventwire.actors.resolver import ActorMatch, ActorResolver

__all__ = ["ActorMatch", "ActorResolver", "CameoCodes"]
