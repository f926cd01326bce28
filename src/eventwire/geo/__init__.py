"""Geoparsing: gazetteer build and lookup, toponym recognition and resolution."""

from eventwire.geo.parser import Geoparser, Toponym, geoparse_document

__all__ = ["Geoparser", "Toponym", "geoparse_document"]
