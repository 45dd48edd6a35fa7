"""Takeover Challenge missions: mission packs, the ways a class responds, and uploads."""
